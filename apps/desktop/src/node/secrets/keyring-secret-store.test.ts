import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { KeyringEntry, KeyringEntryFactory } from './keyring-secret-store.js';
import { createFileSecretStore, openLibrarySecrets } from './secret-store.js';

const root = mkdtempSync(path.join(tmpdir(), 'kirinuki-keyring-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** An OS keyring in memory, as @napi-rs/keyring's Entry behaves. */
function memoryKeyring(): { factory: KeyringEntryFactory; items: Map<string, string> } {
  const items = new Map<string, string>();
  const factory: KeyringEntryFactory = (service, name): KeyringEntry => ({
    getPassword: () => items.get(`${service}/${name}`) ?? null,
    setPassword: (value) => void items.set(`${service}/${name}`, value),
    deletePassword: () => items.delete(`${service}/${name}`),
  });
  return { factory, items };
}

describe('the library secret store', () => {
  it('uses the OS keyring where it works, and still reads secrets an earlier encrypted file holds', () => {
    const dir = path.join(root, 'a');
    createFileSecretStore(path.join(dir, 'secrets')).set('openaiApiKey', 'sk-old');
    const { factory, items } = memoryKeyring();
    const opened = openLibrarySecrets(dir, () => factory);
    expect(opened.kind).toBe('os-keyring');
    expect(opened.store.get('openaiApiKey')).toBe('sk-old');
    opened.store.set('platform-tokens:A1', '{"accessToken":"t"}');
    expect([...items.keys()]).toEqual([`Kirinuki/${dir}:platform-tokens:A1`]);
    // Set again: it moves to the keyring, and the file no longer holds it.
    opened.store.set('openaiApiKey', 'sk-new');
    expect(createFileSecretStore(path.join(dir, 'secrets')).has('openaiApiKey')).toBe(false);
    expect(opened.store.get('openaiApiKey')).toBe('sk-new');
  });

  it('falls back to the encrypted file, and says why, where no keyring answers', () => {
    const locked: KeyringEntryFactory = () => ({
      getPassword: () => {
        throw new Error("Couldn't access platform storage: AccessDenied");
      },
      setPassword: () => {
        throw new Error("Couldn't access platform storage: AccessDenied");
      },
      deletePassword: () => false,
    });
    const opened = openLibrarySecrets(path.join(root, 'b'), () => locked);
    expect(opened).toMatchObject({ kind: 'encrypted-file', reason: expect.stringContaining('AccessDenied') });
    opened.store.set('x', 'y');
    expect(createFileSecretStore(path.join(root, 'b', 'secrets')).get('x')).toBe('y');
    const missing = openLibrarySecrets(path.join(root, 'c'), () => {
      throw new Error('Cannot find module @napi-rs/keyring-linux-x64-gnu');
    });
    expect(missing.reason).toMatch(/did not load/);
  });
});
