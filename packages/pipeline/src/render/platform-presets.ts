import type { SafeArea } from '../captions/caption-frame.js';

// Interim table owned here until the platforms/ preset table lands; numbers to merge there.
export const PLATFORM_NAMES = ['tiktok', 'reels', 'shorts', 'square', 'x'] as const;
export type PlatformName = (typeof PLATFORM_NAMES)[number];

export interface RenderPreset {
  platform: PlatformName;
  width: number;
  height: number;
  /** Pixels the app's own buttons and text cover, at this output size. */
  safe: SafeArea;
  maxDurationSec: number;
  maxSizeBytes: number;
  /** Peak video bitrate we encode at (bits/s), well inside what the platform accepts. */
  videoMaxBitrate: number;
  audioBitrate: number;
}

const MB = 1024 * 1024;

export const RENDER_PRESETS: Record<PlatformName, RenderPreset> = {
  // TikTok: caption/description block at the bottom, action buttons down the right side.
  tiktok: {
    platform: 'tiktok',
    width: 1080,
    height: 1920,
    safe: { top: 160, bottom: 480, left: 60, right: 150 },
    maxDurationSec: 600,
    maxSizeBytes: 4096 * MB,
    videoMaxBitrate: 8_000_000,
    audioBitrate: 128_000,
  },
  // Reels: Meta asks to keep ~14 % top and ~30 % bottom free of text.
  reels: {
    platform: 'reels',
    width: 1080,
    height: 1920,
    safe: { top: 270, bottom: 580, left: 65, right: 130 },
    maxDurationSec: 900,
    maxSizeBytes: 1024 * MB,
    videoMaxBitrate: 8_000_000,
    audioBitrate: 128_000,
  },
  // Shorts: title and channel row at the bottom, buttons on the right; a Short is at most 3 min.
  shorts: {
    platform: 'shorts',
    width: 1080,
    height: 1920,
    safe: { top: 180, bottom: 420, left: 60, right: 150 },
    maxDurationSec: 180,
    maxSizeBytes: 256 * 1024 * MB,
    videoMaxBitrate: 8_000_000,
    audioBitrate: 128_000,
  },
  square: {
    platform: 'square',
    width: 1080,
    height: 1080,
    safe: { top: 50, bottom: 90, left: 50, right: 50 },
    maxDurationSec: 3600,
    maxSizeBytes: 1024 * MB,
    videoMaxBitrate: 6_000_000,
    audioBitrate: 128_000,
  },
  // X: 512 MB and 140 s for ordinary accounts.
  x: {
    platform: 'x',
    width: 1280,
    height: 720,
    safe: { top: 30, bottom: 50, left: 40, right: 40 },
    maxDurationSec: 140,
    maxSizeBytes: 512 * MB,
    videoMaxBitrate: 5_000_000,
    audioBitrate: 128_000,
  },
};

export function isPlatformName(value: unknown): value is PlatformName {
  return typeof value === 'string' && (PLATFORM_NAMES as readonly string[]).includes(value);
}
