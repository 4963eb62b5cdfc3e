import { formatClock } from '@kirinuki/pipeline';
import type { PublicVideo } from '@kirinuki/contracts';

export const formatBytes = (n: number) =>
  n >= 1024 ** 3
    ? `${(n / 1024 ** 3).toFixed(2)} GB`
    : n >= 1024 ** 2
      ? `${(n / 1024 ** 2).toFixed(1)} MB`
      : n >= 1024
        ? `${(n / 1024).toFixed(1)} kB`
        : `${n} B`;

/** A progress line: "Copying  45%  120.0 MB/s  ETA 0:03". */
export function progressLine(
  label: string,
  p: { fraction: number | null; etaSec: number | null; bytesPerSec?: number },
): string {
  const parts = [label.padEnd(12)];
  if (p.fraction !== null) parts.push(`${Math.round(p.fraction * 100)}%`.padStart(4));
  if (p.bytesPerSec) parts.push(`${formatBytes(p.bytesPerSec)}/s`);
  if (p.etaSec !== null && p.fraction !== 1) parts.push(`ETA ${formatClock(p.etaSec)}`);
  return parts.join('  ');
}

/** A video as `library list` prints it, from the API's view of it. */
export function videoLine(video: PublicVideo): string {
  return [
    video.id,
    formatClock(video.durationSec).padStart(8),
    `${video.width}×${video.height}`.padEnd(10),
    video.storage === 'link' ? 'link' : 'copy',
    video.availability === 'ok' ? '' : `[${video.availability.toUpperCase()}]`,
    video.status === 'ready' ? '' : `(${video.status})`,
    video.title,
  ]
    .filter(Boolean)
    .join('  ');
}
