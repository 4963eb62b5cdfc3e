import { runFfmpeg } from './run-ffmpeg.js';

export const CAPABILITY_NAMES = [
  'libx264',
  'libass',
  'loudnorm',
  'scdet',
  'h264_nvenc',
  'h264_videotoolbox',
  'h264_qsv',
] as const;
export type CapabilityName = (typeof CAPABILITY_NAMES)[number];

export interface FfmpegCapabilities {
  version: string;
  capabilities: Record<CapabilityName, boolean>;
  encoders: string[];
  filters: string[];
}

/** "ffmpeg version 5.1.9-0+deb12u1 Copyright…" → "5.1.9-0+deb12u1". */
export function parseVersionBanner(text: string): string {
  return /(?:ffmpeg|ffprobe) version (\S+)/.exec(text)?.[1] ?? 'unknown';
}

/** Names from `ffmpeg -encoders` (lines like " V..... libx264   libx264 H.264…"). */
export function parseEncoderList(text: string): string[] {
  const names: string[] = [];
  let inTable = false;
  for (const line of text.split('\n')) {
    if (/^\s*-{6}\s*$/.test(line)) {
      inTable = true;
      continue;
    }
    const match = /^\s([VASFXBD.]{6})\s+(\S+)/.exec(line);
    if (inTable && match) names.push(match[2] as string);
  }
  return names;
}

/** Names from `ffmpeg -filters` (lines like " ... loudnorm  A->A  EBU R128…"). */
export function parseFilterList(text: string): string[] {
  const names: string[] = [];
  for (const line of text.split('\n')) {
    const match = /^\s([TSC.|]{2,3})\s+(\S+)\s+\S+->\S+/.exec(line);
    if (match) names.push(match[2] as string);
  }
  return names;
}

export function capabilitiesFrom(
  encoders: readonly string[],
  filters: readonly string[],
): Record<CapabilityName, boolean> {
  const enc = new Set(encoders);
  const fil = new Set(filters);
  return {
    libx264: enc.has('libx264'),
    libass: fil.has('ass') || fil.has('subtitles'),
    loudnorm: fil.has('loudnorm'),
    scdet: fil.has('scdet'),
    h264_nvenc: enc.has('h264_nvenc'),
    h264_videotoolbox: enc.has('h264_videotoolbox'),
    h264_qsv: enc.has('h264_qsv'),
  };
}

const cache = new Map<string, Promise<FfmpegCapabilities>>();

/** What the ffmpeg at `bin` was built with; detected once per binary per process. */
export function detectFfmpegCapabilities(bin: string): Promise<FfmpegCapabilities> {
  let pending = cache.get(bin);
  if (!pending) {
    pending = (async () => {
      const [version, encoders, filters] = await Promise.all(
        [['-version'], ['-encoders'], ['-filters']].map((args) =>
          runFfmpeg({ bin, args: ['-hide_banner', ...args] }).then((r) => r.stdout.toString('utf8')),
        ),
      );
      const encoderNames = parseEncoderList(encoders ?? '');
      const filterNames = parseFilterList(filters ?? '');
      return {
        version: parseVersionBanner(version ?? ''),
        capabilities: capabilitiesFrom(encoderNames, filterNames),
        encoders: encoderNames,
        filters: filterNames,
      };
    })();
    pending.catch(() => cache.delete(bin));
    cache.set(bin, pending);
  }
  return pending;
}
