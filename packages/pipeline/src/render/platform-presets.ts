import type { SafeArea } from '../captions/caption-frame.js';
import { isPlatformName, PLATFORM_NAMES, PLATFORM_PRESETS, type PlatformName } from '@kirinuki/contracts';

export { isPlatformName, PLATFORM_NAMES, type PlatformName };

/** What rendering needs of a platform: a view of the one table in platforms/platform-presets. */
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

export const RENDER_PRESETS: Readonly<Record<PlatformName, RenderPreset>> = Object.fromEntries(
  PLATFORM_NAMES.map((name) => {
    const p = PLATFORM_PRESETS[name];
    const preset: RenderPreset = {
      platform: name,
      width: p.width,
      height: p.height,
      safe: p.safe,
      maxDurationSec: p.allowedDuration.maxSec,
      maxSizeBytes: p.maxSizeBytes,
      videoMaxBitrate: p.videoMaxBitrate,
      audioBitrate: p.audioBitrate,
    };
    return [name, preset];
  }),
) as Record<PlatformName, RenderPreset>;
