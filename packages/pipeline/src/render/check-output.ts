import type { FfprobeJson } from '../probe/interpret-probe.js';
import type { RenderPreset } from './platform-presets.js';

/** ffprobe's stream entries, with the H.264 profile that FfprobeJson does not name. */
type ProbedStream = NonNullable<FfprobeJson['streams']>[number] & { profile?: string };

export interface OutputFacts {
  probe: { format?: FfprobeJson['format']; streams?: ProbedStream[] };
  sizeBytes: number;
  atoms: string[];
}

export interface OutputExpectation {
  preset: RenderPreset;
  durationSec: number;
  /** Allowed difference in duration, seconds. */
  toleranceSec: number;
}

/** Everything wrong with a rendered file against its preset; empty when it is platform-ready. */
export function checkRenderedOutput(facts: OutputFacts, expected: OutputExpectation): string[] {
  const problems: string[] = [];
  const streams = facts.probe.streams ?? [];
  const video = streams.find((s) => s.codec_type === 'video');
  const audio = streams.find((s) => s.codec_type === 'audio');
  const { preset } = expected;
  if (!video) problems.push('no video stream');
  else {
    if (video.codec_name !== 'h264') problems.push(`video codec ${video.codec_name}, expected h264`);
    if (video.profile !== 'High') problems.push(`H.264 profile ${video.profile}, expected High`);
    if (video.pix_fmt !== 'yuv420p') problems.push(`pixel format ${video.pix_fmt}, expected yuv420p`);
    if (video.width !== preset.width || video.height !== preset.height) {
      problems.push(`size ${video.width}x${video.height}, expected ${preset.width}x${preset.height}`);
    }
    if (video.r_frame_rate && video.avg_frame_rate && video.r_frame_rate !== video.avg_frame_rate) {
      const [a, b] = [video.r_frame_rate, video.avg_frame_rate].map((r) => {
        const [n, d] = r.split('/').map(Number);
        return (n ?? 0) / (d || 1);
      });
      if (Math.abs((a ?? 0) - (b ?? 0)) > 0.05)
        problems.push(`variable frame rate (${video.r_frame_rate} vs ${video.avg_frame_rate})`);
    }
  }
  if (!audio) problems.push('no audio stream');
  else {
    if (audio.codec_name !== 'aac') problems.push(`audio codec ${audio.codec_name}, expected aac`);
    if (audio.sample_rate !== '48000') problems.push(`audio at ${audio.sample_rate} Hz, expected 48000`);
  }
  const duration = Number(facts.probe.format?.duration);
  if (!Number.isFinite(duration) || Math.abs(duration - expected.durationSec) > expected.toleranceSec) {
    problems.push(
      `duration ${duration} s, expected ${expected.durationSec.toFixed(3)} ± ${expected.toleranceSec} s`,
    );
  }
  if (duration > preset.maxDurationSec)
    problems.push(`duration ${duration} s over the ${preset.maxDurationSec} s limit`);
  if (facts.sizeBytes > preset.maxSizeBytes)
    problems.push(`${facts.sizeBytes} bytes over the ${preset.maxSizeBytes} byte limit`);
  const moov = facts.atoms.indexOf('moov');
  const mdat = facts.atoms.indexOf('mdat');
  if (moov < 0 || (mdat >= 0 && moov > mdat))
    problems.push(`moov atom not before mdat (${facts.atoms.join(',')})`);
  return problems;
}
