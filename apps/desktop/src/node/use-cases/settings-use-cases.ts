import {
  isSettingKey,
  SETTING_DEFAULTS,
  UserFacingError,
  type SettingKey,
  type Settings,
} from '@kirinuki/contracts';
import type { HostParts } from '../host/host-parts.js';
import { parseSettingValue, readSettings, writeSetting } from '../library/settings-repository.js';

/** Secrets the UI may set but never read back. */
export const SECRET_NAMES = ['openaiApiKey'] as const;
export type SecretName = (typeof SECRET_NAMES)[number];

const known = Object.keys(SETTING_DEFAULTS).join(', ');

function requireKey(key: string): SettingKey {
  if (!isSettingKey(key))
    throw new UserFacingError('INVALID_ARGUMENT', `There is no setting "${key}".`, {
      hint: `Settings: ${known}.`,
    });
  return key;
}

export function createSettingsUseCases(parts: HostParts) {
  const { library, secrets } = parts;
  return {
    get: async (): Promise<{ settings: Settings; secrets: Record<SecretName, boolean> }> => ({
      settings: await readSettings(library.db),
      secrets: Object.fromEntries(SECRET_NAMES.map((name) => [name, secrets.has(name)])) as Record<
        SecretName,
        boolean
      >,
    }),
    /** One setting (its value), or all of them; an unknown key is refused with the known ones. */
    read: async (key?: string) => {
      const all = await readSettings(library.db);
      return key === undefined ? all : { [requireKey(key)]: all[requireKey(key)] };
    },
    /** Sets one setting from its text (as typed, or as the UI sends it), checked against its type. */
    set: async (key: string, value: string | number | boolean) => {
      const name = requireKey(key);
      let parsed: Settings[SettingKey];
      try {
        parsed = parseSettingValue(name, String(value));
      } catch (error) {
        throw new UserFacingError('INVALID_ARGUMENT', (error as Error).message);
      }
      await writeSetting(library.db, name, parsed);
      return { key: name, value: parsed, settings: await readSettings(library.db) };
    },
    setSecret: (name: SecretName, value: string | null) => {
      secrets.set(name, value);
      return { [name]: value !== null };
    },
  };
}

export type SettingsUseCases = ReturnType<typeof createSettingsUseCases>;
