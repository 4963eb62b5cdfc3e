import { readWaveform, type Waveform } from '@kirinuki/pipeline/audio/waveform';
import type { Clip } from '@kirinuki/contracts';
import type { VideoRecord } from '@kirinuki/contracts';

/** Peaks per second of the editor's waveform, and the most it draws. */
const PEAKS_PER_SEC = 10;
const MAX_PEAKS = 1200;

/** The stretch of video the trim strip shows: the clip with room on both sides to widen it. */
export function waveformWindow(
  clip: Pick<Clip, 'start' | 'end'>,
  durationSec: number,
): { startSec: number; endSec: number } {
  const margin = Math.max(3, 0.5 * (clip.end - clip.start));
  return {
    startSec: Math.max(0, clip.start - margin),
    endSec: Math.min(durationSec, clip.end + margin),
  };
}

/** The audio levels around a clip, for the editor's trim strip (flat for a video without sound). */
export async function clipWaveform(video: VideoRecord, clip: Clip, signal?: AbortSignal): Promise<Waveform> {
  const window = waveformWindow(clip, video.durationSec);
  const buckets = Math.max(
    1,
    Math.min(MAX_PEAKS, Math.round((window.endSec - window.startSec) * PEAKS_PER_SEC)),
  );
  if (!video.hasAudio) return { ...window, peaks: [] };
  return readWaveform(video.path, { ...window, buckets, signal });
}
