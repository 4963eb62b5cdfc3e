import type { SecretStore } from '../../common/secret-store.js';
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  keyringSecretStore,
  napiKeyring,
  probeKeyring,
  type KeyringEntryFactory,
} from './keyring-secret-store.js';

/**
 * Secrets in an AES-256-GCM encrypted file, with the key in a separate 0600 file (the CLI and
 * `kirinuki serve` where no OS keyring works).
 */
export function createFileSecretStore(dir: string): SecretStore {
  const keyFile = path.join(dir, 'secret.key');
  const dataFile = path.join(dir, 'secrets.enc');
  const key = (): Buffer => {
    if (!existsSync(keyFile)) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(keyFile, randomBytes(32), { mode: 0o600 });
    }
    chmodSync(keyFile, 0o600);
    return readFileSync(keyFile);
  };
  // The decrypted file, kept while the file is the same one (every write renames a new file in,
  // so another process's write changes the inode): a token is read for every request of a post.
  let kept: { stamp: string; secrets: Record<string, string> } | null = null;
  const read = (): Record<string, string> => {
    const stat = statSync(dataFile, { throwIfNoEntry: false });
    if (!stat) return {};
    const stamp = `${stat.ino}:${stat.size}:${stat.mtimeMs}`;
    if (kept?.stamp === stamp) return kept.secrets;
    const data = readFileSync(dataFile);
    const decipher = createDecipheriv('aes-256-gcm', key(), data.subarray(0, 12));
    decipher.setAuthTag(data.subarray(12, 28));
    const secrets = JSON.parse(
      Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8'),
    ) as Record<string, string>;
    kept = { stamp, secrets };
    return secrets;
  };
  const write = (secrets: Record<string, string>) => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key(), iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(secrets), 'utf8'), cipher.final()]);
    const temp = `${dataFile}.${process.pid}.tmp`;
    writeFileSync(temp, Buffer.concat([iv, cipher.getAuthTag(), body]), { mode: 0o600 });
    renameSync(temp, dataFile);
  };
  return {
    get: (name) => read()[name] ?? null,
    has: (name) => name in read(),
    set: (name, value) => {
      // A copy: the decrypted file kept above stays as the file is until the write lands.
      const secrets = { ...read() };
      if (value === null) delete secrets[name];
      else secrets[name] = value;
      write(secrets);
    },
  };
}

export interface OpenedSecretStore {
  store: SecretStore;
  /** Where secrets are: the OS keyring, or the encrypted file (and why not the keyring). */
  kind: 'os-keyring' | 'encrypted-file';
  reason: string;
}

/**
 * The CLI's and `serve`'s secret store: the OS keyring where it works (through @napi-rs/keyring),
 * else the encrypted file in `<library>/secrets`. Secrets already in the file stay readable: the
 * file is read after the keyring misses, so moving to a machine with a keyring loses nothing.
 */
export function openLibrarySecrets(
  libraryDir: string,
  keyring: (() => KeyringEntryFactory) | null = napiKeyring,
): OpenedSecretStore {
  const file = createFileSecretStore(path.join(libraryDir, 'secrets'));
  if (!keyring) return { store: file, kind: 'encrypted-file', reason: 'the OS keyring was not asked for' };
  let entry: KeyringEntryFactory;
  try {
    entry = keyring();
  } catch (error) {
    return {
      store: file,
      kind: 'encrypted-file',
      reason: `the keyring binding did not load (${(error as Error).message})`,
    };
  }
  const probe = probeKeyring(entry);
  if (!probe.ok)
    return { store: file, kind: 'encrypted-file', reason: `no OS keyring here (${probe.reason})` };
  const ring = keyringSecretStore(entry, libraryDir);
  return {
    kind: 'os-keyring',
    reason: 'the OS keyring works here',
    store: {
      get: (name) => ring.get(name) ?? file.get(name),
      has: (name) => ring.has(name) || file.has(name),
      set: (name, value) => {
        ring.set(name, value);
        if (file.has(name)) file.set(name, null);
      },
    },
  };
}

/** The CLI's and `serve`'s secret store (see openLibrarySecrets). */
export function librarySecretStore(libraryDir: string): SecretStore {
  return openLibrarySecrets(libraryDir).store;
}
