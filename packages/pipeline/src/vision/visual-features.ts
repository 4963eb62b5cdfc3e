import type { FaceSample } from './face-tracker.js';

/** What scoring reads per second of video. */
export interface SecondFeatures {
  second: number;
  /** Mean frame-to-frame difference (grey levels, zero-mean frames), 0 for a still. */
  visualChange: number;
  /** Mean brightness, 0..1. */
  brightness: number;
  /** Share of face samples in this second with at least one face. */
  facePresence: number;
  /** Mean area of the largest face (share of the picture), over the samples that have one. */
  faceSize: number;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** Buckets per-frame measurements and face samples into whole seconds of media time. */
export function visualFeaturesPerSecond(
  frames: { pts: readonly number[]; diff: readonly number[]; mean: readonly number[] },
  faceSamples: readonly FaceSample[],
  durationSec: number,
): SecondFeatures[] {
  const seconds = Math.max(1, Math.ceil(durationSec));
  const acc = Array.from({ length: seconds }, () => ({
    frames: 0,
    change: 0,
    light: 0,
    samples: 0,
    withFace: 0,
    size: 0,
  }));
  const bucket = (t: number) =>
    acc[Math.min(seconds - 1, Math.max(0, Math.floor(t)))] as (typeof acc)[number];
  frames.pts.forEach((t, i) => {
    const b = bucket(t);
    b.frames += 1;
    b.change += i > 0 ? (frames.diff[i] ?? 0) : 0;
    b.light += frames.mean[i] ?? 0;
  });
  for (const sample of faceSamples) {
    const b = bucket(sample.t);
    b.samples += 1;
    if (sample.faces.length) {
      b.withFace += 1;
      b.size += Math.max(...sample.faces.map((f) => f.w * f.h));
    }
  }
  return acc.map((b, second) => ({
    second,
    visualChange: round3(b.frames ? b.change / b.frames : 0),
    brightness: round3(b.frames ? b.light / b.frames / 255 : 0),
    facePresence: round3(b.samples ? b.withFace / b.samples : 0),
    faceSize: round3(b.withFace ? b.size / b.withFace : 0),
  }));
}
