import { createRequire } from 'node:module';
import type { SecretStore } from '../../common/secret-store.js';

/** The part of @napi-rs/keyring's Entry we use (an OS keyring item: Keychain, Credential Manager, Secret Service). */
export interface KeyringEntry {
  getPassword(): string | null | undefined;
  setPassword(value: string): void;
  deletePassword(): boolean | void;
}
export type KeyringEntryFactory = (service: string, name: string) => KeyringEntry;

const SERVICE = 'Kirinuki';

/** The maintained native binding, loaded only when asked for (a CLI command without secrets never loads it). */
export function napiKeyring(): KeyringEntryFactory {
  const { Entry } = createRequire(import.meta.url)('@napi-rs/keyring') as {
    Entry: new (service: string, name: string) => KeyringEntry;
  };
  return (service, name) => new Entry(service, name);
}

/** Secrets as items of the OS keyring, one per name, under the service "Kirinuki" (and the library). */
export function keyringSecretStore(entry: KeyringEntryFactory, scope: string): SecretStore {
  const item = (name: string) => entry(SERVICE, `${scope}:${name}`);
  return {
    get: (name) => item(name).getPassword() ?? null,
    has: (name) => (item(name).getPassword() ?? null) !== null,
    set: (name, value) => {
      if (value === null) item(name).deletePassword();
      else item(name).setPassword(value);
    },
  };
}

/**
 * Whether the OS keyring works here (a desktop session with a keyring; a headless box usually has
 * none): a probe item is written, read and removed. The reason says why not, for `doctor`.
 */
export function probeKeyring(entry: KeyringEntryFactory): { ok: true } | { ok: false; reason: string } {
  try {
    const probe = entry(SERVICE, `probe-${process.pid}`);
    probe.setPassword('probe');
    const back = probe.getPassword();
    probe.deletePassword();
    return back === 'probe'
      ? { ok: true }
      : { ok: false, reason: 'the keyring did not give back what was stored' };
  } catch (error) {
    return { ok: false, reason: (error as Error).message };
  }
}
