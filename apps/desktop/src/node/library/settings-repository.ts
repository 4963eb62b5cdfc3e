import type { Kysely } from 'kysely';
import { defaultModelsDir } from '@kirinuki/pipeline/models/model-manifest';
import { localWhisperModel } from '@kirinuki/pipeline/asr/whisper-models';
import type { LibraryDatabase } from '../storage/library-database.js';

/** Settings and their defaults; unknown keys are refused so typos do not silently do nothing. */
export const SETTING_DEFAULTS = {
  /** Largest file `import` accepts, in bytes (50 GB). */
  maxImportBytes: 50 * 1024 ** 3,
  /** Allow URLs that resolve to loopback, private or link-local addresses. */
  allowPrivateNetwork: false,
  /** Default import mode: copy into the library or link in place. */
  importMode: 'copy' as 'copy' | 'link',
  /** Speech-to-text: 'local' (offline Whisper) or 'openai' (the user's key). */
  asrBackend: 'local' as 'local' | 'openai',
  /** The local Whisper model (a manifest id): tiny.en is bundled, the multilingual ones are downloaded. */
  asrModel: 'whisper-tiny.en-int8',
  /** The spoken language of the videos (a Whisper code: en, ja…, or auto with a multilingual model). */
  asrLanguage: 'en',
  /** Run models on the CPU even when a GPU provider loads. */
  forceCpu: false,
  /** CPU threads for models; 0 = all cores. */
  threads: 0,
  /** Default platform preset for `kirinuki clip`. */
  platform: 'tiktok',
  /** Clips proposed per video. */
  clipCount: 10,
  /** A second opinion on the proposals from an OpenAI model (the user's key); off by default. */
  llmRerank: false,
  /** The model the re-rank asks. */
  llmModel: 'gpt-4o-mini',
  /** Describe each shot's keyframe with an OpenAI vision model (the user's key); off by default. */
  cloudVision: false,
  /** The model cloud vision asks. */
  cloudVisionModel: 'gpt-4o-mini',
};

export type Settings = typeof SETTING_DEFAULTS;
export type SettingKey = keyof Settings;

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(SETTING_DEFAULTS, key);
}

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

/** Parses a value typed on the command line for `key`, checking its type against the default. */
export function parseSettingValue(key: SettingKey, text: string): Settings[SettingKey] {
  const current = SETTING_DEFAULTS[key];
  if (typeof current === 'number') {
    const n = Number(text);
    if (!Number.isFinite(n) || n < 0) throw new Error(`${key} takes a non-negative number, not "${text}"`);
    return n;
  }
  if (typeof current === 'boolean') {
    if (text === 'true' || text === 'false') return text === 'true';
    throw new Error(`${key} takes true or false, not "${text}"`);
  }
  if (key === 'importMode' && text !== 'copy' && text !== 'link')
    throw new Error(`importMode takes copy or link, not "${text}"`);
  if (key === 'asrModel') localWhisperModel(defaultModelsDir(), text); // says which ids there are
  if (key === 'asrLanguage' && !/^([a-z]{2,3}|auto)$/.test(text))
    throw new Error(`asrLanguage takes a language code such as en or ja, or auto, not "${text}"`);
  return text as Settings[SettingKey];
}
