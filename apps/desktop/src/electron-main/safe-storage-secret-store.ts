import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { safeStorage } from 'electron';
import type { SecretStore } from '../common/secret-store.js';

/**
 * Secrets in the app: encrypted with Electron's safeStorage (the OS keychain / DPAPI / libsecret),
 * kept in one file. When the OS offers no encryption the store refuses to keep secrets rather than
 * write them in the clear.
 */
export function createSafeStorageSecretStore(dir: string): SecretStore {
  const file = path.join(dir, 'secrets.safe');
  const read = (): Record<string, string> => {
    if (!existsSync(file)) return {};
    return JSON.parse(safeStorage.decryptString(readFileSync(file))) as Record<string, string>;
  };
  return {
    get: (name) => read()[name] ?? null,
    has: (name) => name in read(),
    set: (name, value) => {
      if (!safeStorage.isEncryptionAvailable()) {
        throw new Error('This system offers no secure storage for secrets (safeStorage is unavailable).');
      }
      const secrets = read();
      if (value === null) delete secrets[name];
      else secrets[name] = value;
      mkdirSync(dir, { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      writeFileSync(temp, safeStorage.encryptString(JSON.stringify(secrets)), { mode: 0o600 });
      renameSync(temp, file);
    },
  };
}
