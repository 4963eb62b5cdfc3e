import type { Kysely } from 'kysely';
import { defaultModelsDir } from '@kirinuki/pipeline/models/model-manifest';
import { localWhisperModel } from '@kirinuki/pipeline/asr/whisper-catalog';
import { platformOrigin } from '@kirinuki/social/platform-origin';
import {
  isSettingKey,
  isPublishPlatform,
  parseSettingValue as parseValue,
  SETTING_DEFAULTS,
  type SettingKey,
  type Settings,
} from '@kirinuki/contracts';
import type { LibraryDatabase } from '../library-db/library-database.js';

export async function readSettings(db: Kysely<LibraryDatabase>): Promise<Settings> {
  const rows = await db.selectFrom('settings').selectAll().execute();
  const settings: Record<string, unknown> = { ...SETTING_DEFAULTS };
  for (const row of rows) if (isSettingKey(row.key)) settings[row.key] = JSON.parse(row.value) as unknown;
  return settings as Settings;
}

export async function writeSetting<K extends SettingKey>(
  db: Kysely<LibraryDatabase>,
  key: K,
  value: Settings[K],
) {
  await db
    .insertInto('settings')
    .values({ key, value: JSON.stringify(value), updatedAt: new Date().toISOString() })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({ value: JSON.stringify(value), updatedAt: new Date().toISOString() }),
    )
    .execute();
}

/** Parses a setting's value, with the checks only this host can make (the model manifest). */
export function parseSettingValue(key: SettingKey, text: string): Settings[SettingKey] {
  return parseValue(key, text, {
    asrModel: (id) => void localWhisperModel(defaultModelsDir(), id),
    origin: (name, value) => {
      const platform = name.split('.')[1];
      if (isPublishPlatform(platform)) platformOrigin(platform, { setting: value });
    },
  });
}
