import { UserFacingError } from '../errors/user-facing-error.js';

/**
 * Every platform Kirinuki cuts for, in one table: output picture, durations, file limits, caption
 * limits and safe areas. Render, captions and clip finding all read it from here.
 */
export const PLATFORM_NAMES = ['tiktok', 'reels', 'shorts', 'square', 'x'] as const;
export type PlatformName = (typeof PLATFORM_NAMES)[number];

/** Pixels at each edge of the output that the platform's own interface covers. */
export interface SafeArea {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export interface DurationRange {
  minSec: number;
  maxSec: number;
}

export interface PlatformPreset {
  name: PlatformName;
  label: string;
  /** Width:height, e.g. "9:16". */
  aspect: '9:16' | '1:1' | '16:9';
  width: number;
  height: number;
  /** Clip lengths proposed when the user gives no --min/--max. */
  defaultDuration: DurationRange;
  /** What the platform accepts; --min/--max must stay inside it. */
  allowedDuration: DurationRange;
  maxSizeBytes: number;
  /** Peak video bitrate we encode at (bits/s), well inside what the platform accepts. */
  videoMaxBitrate: number;
  audioBitrate: number;
  captions: { maxCharsPerLine: number; maxLines: 1 | 2 };
  /** At this output size. */
  safe: SafeArea;
}

const MB = 1024 * 1024;

export const PLATFORM_PRESETS: Readonly<Record<PlatformName, PlatformPreset>> = {
  // TikTok: up to 10 min through the Content Posting API (creator info may say less);
  // description block at the bottom, action buttons down the right side.
  tiktok: {
    name: 'tiktok',
    label: 'TikTok',
    aspect: '9:16',
    width: 1080,
    height: 1920,
    defaultDuration: { minSec: 20, maxSec: 60 },
    allowedDuration: { minSec: 3, maxSec: 600 },
    maxSizeBytes: 4096 * MB,
    videoMaxBitrate: 8_000_000,
    audioBitrate: 128_000,
    captions: { maxCharsPerLine: 26, maxLines: 2 },
    safe: { top: 160, bottom: 480, left: 60, right: 150 },
  },
  // Instagram Reels through the Graph API: 3 s to 15 min, 1 GB; Meta asks to keep ~14 % top and
  // ~30 % bottom free of text.
  reels: {
    name: 'reels',
    label: 'Instagram Reels',
    aspect: '9:16',
    width: 1080,
    height: 1920,
    defaultDuration: { minSec: 15, maxSec: 60 },
    allowedDuration: { minSec: 3, maxSec: 900 },
    maxSizeBytes: 1024 * MB,
    videoMaxBitrate: 8_000_000,
    audioBitrate: 128_000,
    captions: { maxCharsPerLine: 26, maxLines: 2 },
    safe: { top: 270, bottom: 580, left: 65, right: 130 },
  },
  // YouTube: vertical or square up to 3 min becomes a Short (DESIGN §6).
  shorts: {
    name: 'shorts',
    label: 'YouTube Shorts',
    aspect: '9:16',
    width: 1080,
    height: 1920,
    defaultDuration: { minSec: 20, maxSec: 60 },
    allowedDuration: { minSec: 1, maxSec: 180 },
    maxSizeBytes: 256 * 1024 * MB,
    videoMaxBitrate: 8_000_000,
    audioBitrate: 128_000,
    captions: { maxCharsPerLine: 26, maxLines: 2 },
    safe: { top: 180, bottom: 420, left: 60, right: 150 },
  },
  // A generic square cut (feeds, LinkedIn); no platform interface on top of it.
  square: {
    name: 'square',
    label: 'Square',
    aspect: '1:1',
    width: 1080,
    height: 1080,
    defaultDuration: { minSec: 20, maxSec: 60 },
    allowedDuration: { minSec: 1, maxSec: 3600 },
    maxSizeBytes: 1024 * MB,
    videoMaxBitrate: 6_000_000,
    audioBitrate: 128_000,
    captions: { maxCharsPerLine: 32, maxLines: 2 },
    safe: { top: 50, bottom: 90, left: 50, right: 50 },
  },
  // X: 0.5 s to 140 s and 512 MB for ordinary accounts.
  x: {
    name: 'x',
    label: 'X',
    aspect: '16:9',
    width: 1280,
    height: 720,
    defaultDuration: { minSec: 15, maxSec: 45 },
    allowedDuration: { minSec: 0.5, maxSec: 140 },
    maxSizeBytes: 512 * MB,
    videoMaxBitrate: 5_000_000,
    audioBitrate: 128_000,
    captions: { maxCharsPerLine: 42, maxLines: 2 },
    safe: { top: 30, bottom: 50, left: 40, right: 40 },
  },
};

export function isPlatformName(value: unknown): value is PlatformName {
  return typeof value === 'string' && (PLATFORM_NAMES as readonly string[]).includes(value);
}

/** The preset for a name from the command line or settings; a UserFacingError names the valid ones. */
export function platformPreset(name: string): PlatformPreset {
  if (!isPlatformName(name)) {
    throw new UserFacingError('INVALID_ARGUMENT', `Unknown platform "${name}".`, {
      hint: `Use one of: ${PLATFORM_NAMES.join(', ')}.`,
    });
  }
  return PLATFORM_PRESETS[name];
}

/**
 * The clip length range for a platform with the user's --min/--max applied. An override outside
 * what the platform accepts, or a min above the max, is a user error.
 */
export function clipDurationRange(
  preset: PlatformPreset,
  overrides: { minSec?: number | undefined; maxSec?: number | undefined } = {},
): DurationRange {
  const allowed = preset.allowedDuration;
  const check = (flag: string, value: number | undefined): void => {
    if (value === undefined) return;
    if (!Number.isFinite(value) || value < allowed.minSec || value > allowed.maxSec) {
      throw new UserFacingError(
        'INVALID_ARGUMENT',
        `${flag} ${value} is outside what ${preset.label} accepts (${allowed.minSec}–${allowed.maxSec} s).`,
        { hint: `Give ${flag} between ${allowed.minSec} and ${allowed.maxSec} seconds.` },
      );
    }
  };
  check('--min', overrides.minSec);
  check('--max', overrides.maxSec);
  let minSec = overrides.minSec ?? preset.defaultDuration.minSec;
  let maxSec = overrides.maxSec ?? preset.defaultDuration.maxSec;
  // One override moves the other default out of the way rather than failing.
  if (overrides.minSec !== undefined && overrides.maxSec === undefined && maxSec < minSec) {
    maxSec = Math.min(allowed.maxSec, minSec * 2);
  }
  if (overrides.maxSec !== undefined && overrides.minSec === undefined && minSec > maxSec) {
    minSec = Math.max(allowed.minSec, maxSec / 2);
  }
  if (minSec > maxSec) {
    throw new UserFacingError('INVALID_ARGUMENT', `--min ${minSec} is larger than --max ${maxSec}.`, {
      hint: 'Give a --min that is at most --max.',
    });
  }
  return { minSec, maxSec };
}
