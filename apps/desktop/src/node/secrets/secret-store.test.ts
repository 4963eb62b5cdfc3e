import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createFileSecretStore } from './secret-store.js';

const dir = mkdtempSync(path.join(tmpdir(), 'kirinuki-secrets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('createFileSecretStore', () => {
  it('keeps secrets encrypted at rest with a 0600 key, and removes them', () => {
    const store = createFileSecretStore(dir);
    expect(store.get('openaiApiKey')).toBeNull();
    store.set('openaiApiKey', 'sk-test-123');
    expect(createFileSecretStore(dir).get('openaiApiKey')).toBe('sk-test-123');
    expect(readFileSync(path.join(dir, 'secrets.enc')).includes('sk-test-123')).toBe(false);
    expect(statSync(path.join(dir, 'secret.key')).mode & 0o777).toBe(0o600);
    store.set('openaiApiKey', null);
    expect(store.has('openaiApiKey')).toBe(false);
  });

  it('sees what another store on the same folder wrote after it last read (its decrypted copy is per file)', () => {
    const shared = mkdtempSync(path.join(dir, 'shared-'));
    const a = createFileSecretStore(shared);
    const b = createFileSecretStore(shared);
    a.set('platform-tokens:acc1', 'first');
    expect(b.get('platform-tokens:acc1')).toBe('first');
    for (let i = 0; i < 5; i++) {
      a.set('platform-tokens:acc1', `renewed-${i}`);
      expect(b.get('platform-tokens:acc1')).toBe(`renewed-${i}`);
    }
    b.set('platform-tokens:acc2', 'other');
    expect(a.get('platform-tokens:acc1')).toBe('renewed-4');
    expect(a.get('platform-tokens:acc2')).toBe('other');
    // What a caller does with what it read does not change the store's copy.
    expect(a.has('platform-tokens:acc2')).toBe(true);
  });
});
