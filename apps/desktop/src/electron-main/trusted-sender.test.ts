import { describe, expect, it } from 'vitest';
import { isTrustedRendererUrl } from './trusted-sender.js';

describe('isTrustedRendererUrl', () => {
  it.each([
    ['file:///app/renderer/index.html', true],
    ['file:///app/renderer/assets/x.js', true],
    ['file:///app/renderer-evil/index.html', false],
    ['file:///app/renderer/../secrets.html', false],
    ['file:///etc/passwd', false],
    ['https://example.com/', false],
    ['', false],
    [undefined, false],
  ])('%s → %s', (url, trusted) => {
    expect(isTrustedRendererUrl(url, '/app/renderer')).toBe(trusted);
  });
});
