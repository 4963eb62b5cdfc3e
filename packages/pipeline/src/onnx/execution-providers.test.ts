import { describe, expect, it } from 'vitest';
import { candidateProviders, chooseProvider, type ExecutionProvider } from './execution-providers.js';

describe('execution provider choice (injected capabilities)', () => {
  it.each<[NodeJS.Platform, ExecutionProvider[], boolean, ExecutionProvider, RegExp]>([
    ['linux', ['cuda', 'cpu'], false, 'cuda', /cuda loads/],
    ['linux', ['cpu'], false, 'cpu', /tried cuda/],
    ['linux', ['cuda', 'cpu'], true, 'cpu', /forced/],
    ['win32', ['dml', 'cpu'], false, 'dml', /dml loads/],
    ['win32', ['cuda', 'dml', 'cpu'], false, 'cuda', /cuda/],
    ['darwin', ['coreml', 'cpu'], false, 'coreml', /coreml/],
    ['darwin', ['cpu'], false, 'cpu', /tried coreml/],
    ['freebsd', [], false, 'cpu', /^CPU$/],
  ])('%s with %j (forceCpu %s) → %s', (platform, loadable, forceCpu, provider, reason) => {
    const choice = chooseProvider(platform, loadable, { forceCpu });
    expect(choice.provider).toBe(provider);
    expect(choice.reason).toMatch(reason);
  });

  it('always ends the candidate list with cpu', () => {
    for (const p of ['linux', 'win32', 'darwin', 'aix'] as const)
      expect(candidateProviders(p).at(-1)).toBe('cpu');
  });
});
