import type { CutKind, ShotCut } from './shot-boundaries.js';

export interface ShotBoundary {
  frame: number;
  time: number;
  kind: CutKind;
  confidence: number;
}

export interface Shot {
  index: number;
  startFrame: number;
  /** Last frame of the shot, inclusive. */
  endFrame: number;
  start: number;
  /** Time the shot ends: the next shot's start, or the end of the video. */
  end: number;
}

/** What `kirinuki shots` prints. */
export interface ShotDetection {
  fps: number;
  frameCount: number;
  cuts: ShotBoundary[];
  shots: Shot[];
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Times from the decoded frames' pts (exact for VFR), shots between cuts. A pts ffmpeg did not
 * report is estimated from the neighbouring frame and the nominal rate.
 */
export function shotsFromCuts(
  cuts: readonly ShotCut[],
  pts: readonly number[],
  fps: number,
  durationSec: number | null,
): ShotDetection {
  const frameCount = pts.length;
  const step = fps > 0 ? 1 / fps : 0;
  const timeOf = (frame: number): number => {
    const t = pts[frame];
    if (t !== undefined && Number.isFinite(t)) return t;
    const before = frame > 0 ? timeOf(frame - 1) : 0;
    return before + step;
  };
  const lastFrameEnd = frameCount ? timeOf(frameCount - 1) + step : 0;
  const videoEnd =
    durationSec !== null && durationSec > 0
      ? Math.max(durationSec, timeOf(Math.max(0, frameCount - 1)))
      : lastFrameEnd;
  const sorted = [...cuts]
    .filter((c) => c.frame > 0 && c.frame < frameCount)
    .sort((a, b) => a.frame - b.frame);
  const boundaries: ShotBoundary[] = sorted.map((c) => ({
    frame: c.frame,
    time: round3(timeOf(c.frame)),
    kind: c.kind,
    confidence: c.confidence,
  }));
  const starts = [0, ...boundaries.map((b) => b.frame)];
  const shots: Shot[] = frameCount
    ? starts.map((startFrame, index) => {
        const next = starts[index + 1];
        return {
          index,
          startFrame,
          endFrame: next === undefined ? frameCount - 1 : next - 1,
          start: round3(timeOf(startFrame)),
          end: round3(next === undefined ? videoEnd : timeOf(next)),
        };
      })
    : [];
  return { fps: round3(fps), frameCount, cuts: boundaries, shots };
}
