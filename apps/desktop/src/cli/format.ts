import { formatClock } from '@kirinuki/pipeline';
import type { VideoRecord } from '../common/library-events.js';
import type { VideoStatus } from '../common/video-status.js';
import { videoAvailability } from '../node/library/video-availability.js';

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

export { publicVideo } from '../node/library/public-video.js';

export function videoLine(video: VideoRecord, status: VideoStatus = 'ready'): string {
  const availability = videoAvailability(video);
  return [
    video.id,
    formatClock(video.durationSec).padStart(8),
    `${video.width}×${video.height}`.padEnd(10),
    video.storage === 'link' ? 'link' : 'copy',
    availability === 'ok' ? '' : `[${availability.toUpperCase()}]`,
    status === 'ready' ? '' : `(${status})`,
    video.title,
  ]
    .filter(Boolean)
    .join('  ');
}
