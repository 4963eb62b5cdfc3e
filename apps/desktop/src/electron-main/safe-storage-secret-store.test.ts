import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

const available = vi.hoisted(() => ({ value: true }));
vi.mock('electron', () => ({
  // A reversible stand-in for the OS encryption, so the file can be checked for clear text.
  safeStorage: {
    isEncryptionAvailable: () => available.value,
    encryptString: (s: string) => Buffer.from(Buffer.from(s, 'utf8').map((b) => b ^ 0x5a)),
    decryptString: (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a)).toString('utf8'),
  },
}));
const { createSafeStorageSecretStore } = await import('./safe-storage-secret-store.js');

const dir = mkdtempSync(path.join(tmpdir(), 'kirinuki-safe-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('createSafeStorageSecretStore (mocked electron)', () => {
  it('keeps secrets encrypted by safeStorage and never in the clear', () => {
    const store = createSafeStorageSecretStore(dir);
    store.set('openaiApiKey', 'sk-secret');
    expect(createSafeStorageSecretStore(dir).get('openaiApiKey')).toBe('sk-secret');
    expect(readFileSync(path.join(dir, 'secrets.safe')).includes('sk-secret')).toBe(false);
    store.set('openaiApiKey', null);
    expect(store.has('openaiApiKey')).toBe(false);
  });

  it('refuses to store a secret when the OS offers no encryption', () => {
    available.value = false;
    expect(() => createSafeStorageSecretStore(dir).set('openaiApiKey', 'sk')).toThrow(/no secure storage/);
    available.value = true;
  });
});
