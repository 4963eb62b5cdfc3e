import { isNotificationKind, NOTIFICATION_KINDS } from '../publishing/notification.js';
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
  /** Publishing: the client id of the user's own developer app on each platform (README: how to register one). */
  'platforms.tiktok.clientId': '',
  'platforms.instagram.clientId': '',
  'platforms.youtube.clientId': '',
  'platforms.x.clientId': '',
  /** Send every request of a platform to this origin (a local fake, a proxy); empty: the platform's own. */
  'platforms.tiktok.origin': '',
  'platforms.instagram.origin': '',
  'platforms.youtube.origin': '',
  'platforms.x.origin': '',
  /**
   * Instagram takes only an https redirect registered with the app: the one registered, whose
   * address the user pastes back after signing in (a desktop cannot receive it).
   */
  'platforms.instagram.redirectUri': '',
  /**
   * How many posts upload at once (the queue's network slots; read when the app, serve or the
   * scheduler starts). More helps when many posts come due together; 0 means the default, 4.
   */
  'publishing.concurrency': 4,
  /** Scheduled posts: one that could not go out on time goes out late by at most this much, else it is missed (asked). */
  'scheduling.lateLimitMinutes': 60,
  /**
   * Space posts by each platform's posting window per account (X 100/15 min, Instagram 100/24 h,
   * TikTok ~15/24 h, YouTube 6 uploads/day): a post past it waits instead of failing.
   */
  'scheduling.pacing': true,
  /**
   * Which notifications show as system notifications (the app's, or the browser's when allowed),
   * comma-separated: published, failed, missed, reconnect, token-expiring; empty: none. The
   * notification centre lists every kind regardless.
   */
  'notifications.os': 'published,failed,missed,reconnect,token-expiring',
  /** The time zone schedule times are read and shown in (IANA, e.g. Asia/Tokyo); empty: the system's. */
  'scheduling.timezone': '',
};

export type Settings = typeof SETTING_DEFAULTS;
export type SettingKey = keyof Settings;

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(SETTING_DEFAULTS, key);
}

/** Checks only a host can make (e.g. that a model id is in its manifest); each throws to refuse. */
export interface HostSettingChecks {
  asrModel?: (id: string) => void;
  /** A platform origin setting (https, or http on loopback only). */
  origin?: (key: SettingKey, value: string) => void;
}

/**
 * Parses a value typed on the command line (or sent by the UI) for `key`, checking its type
 * against the default. Throws an Error whose message says what the setting takes.
 */
export function parseSettingValue(
  key: SettingKey,
  text: string,
  checks: HostSettingChecks = {},
): Settings[SettingKey] {
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
  if (key === 'asrBackend' && text !== 'local' && text !== 'openai')
    throw new Error(`asrBackend takes local or openai, not "${text}"`);
  if (key === 'asrModel') checks.asrModel?.(text);
  if (key.endsWith('.origin') && text !== '') checks.origin?.(key, text);
  if (key.endsWith('.redirectUri') && text !== '' && !/^https:\/\/[^\s/]+\/\S*$/.test(text))
    throw new Error(`${key} takes the https address registered with your app, not "${text}"`);
  if (key === 'scheduling.timezone' && text !== '' && !/^[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)+$|^UTC$/.test(text))
    throw new Error(
      `scheduling.timezone takes an IANA zone such as Asia/Tokyo, or nothing for the system's, not "${text}"`,
    );
  if (key === 'notifications.os') {
    const kinds = text
      .split(',')
      .map((k) => k.trim())
      .filter(Boolean);
    const unknown = kinds.filter((k) => !isNotificationKind(k));
    if (unknown.length)
      throw new Error(
        `notifications.os takes a comma-separated list of ${NOTIFICATION_KINDS.join(', ')} (or nothing), not "${unknown.join(', ')}"`,
      );
    return kinds.join(',');
  }
  if (key === 'asrLanguage' && !/^([a-z]{2,3}|auto)$/.test(text))
    throw new Error(`asrLanguage takes a language code such as en or ja, or auto, not "${text}"`);
  return text as Settings[SettingKey];
}
