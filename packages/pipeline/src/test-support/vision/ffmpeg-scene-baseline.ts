import { runFfmpeg } from '../../ffmpeg/run-ffmpeg.js';

/**
 * ffmpeg's own scene score, the baseline shot detection is measured against. `metadata=print`
 * writes, per frame, `frame:N pts:… pts_time:…` and then `lavfi.scene_score=0.42`.
 */
export function parseSceneScores(stderr: string): Array<{ frame: number; time: number; score: number }> {
  const out: Array<{ frame: number; time: number; score: number }> = [];
  let current: { frame: number; time: number } | null = null;
  for (const line of stderr.split(/\r?\n/)) {
    const head = /frame:(\d+)\s+pts:\S+\s+pts_time:(-?[\d.]+)/.exec(line);
    if (head) current = { frame: Number(head[1]), time: Number(head[2]) };
    const score = /lavfi\.scene_score=([\d.]+)/.exec(line);
    if (score && current) out.push({ ...current, score: Number(score[1]) });
  }
  return out;
}

/** Frames whose scene score exceeds `threshold` (ffmpeg's `select='gt(scene,T)'`). */
export async function ffmpegSceneCuts(ffmpeg: string, input: string, threshold: number): Promise<number[]> {
  const result = await runFfmpeg({
    bin: ffmpeg,
    args: [
      '-hide_banner',
      '-nostats',
      '-i',
      input,
      '-map',
      '0:v:0',
      '-vf',
      "select='gte(scene,0)',metadata=print:key=lavfi.scene_score",
      '-f',
      'null',
      '-',
    ],
  });
  return parseSceneScores(result.stderr)
    .filter((s) => s.score > threshold)
    .map((s) => s.frame);
}

/** The timed baseline: exactly the scene pass the benchmark compares with. */
export async function timeFfmpegScenePass(ffmpeg: string, input: string): Promise<number> {
  const result = await runFfmpeg({
    bin: ffmpeg,
    args: [
      '-hide_banner',
      '-nostats',
      '-loglevel',
      'error',
      '-i',
      input,
      '-vf',
      "select='gt(scene,0.3)'",
      '-f',
      'null',
      '-',
    ],
  });
  return result.wallMs;
}
