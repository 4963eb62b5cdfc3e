// `node --import tsx scripts/bench-render.ts [--seconds 60]`: renders a generated 1080p segment to a
// 1080×1920 captioned, reframed clip and times it against a plain transcode of the same segment
// (same ffmpeg, encoder and preset; crop + scale only) run in the same process. Goal: ≤ 1.3×.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { resolveFfmpegBinaries } from '@kirinuki/pipeline/ffmpeg/ffmpeg-binaries';
import { probeMedia } from '@kirinuki/pipeline/probe/probe-media';
import { renderClip } from '@kirinuki/pipeline/render/render-clip';
import { makeBoxVideo } from '@kirinuki/pipeline/test-support/render/render-test-media';
import { chooseVideoEncoder } from '@kirinuki/pipeline/render/choose-encoder';
import { RENDER_PRESETS } from '@kirinuki/pipeline/render/platform-presets';
import { cropSizeFor } from '@kirinuki/pipeline/reframe/crop-geometry';
import { axisExpression } from '@kirinuki/pipeline/reframe/crop-expression';
import { planCropPath } from '@kirinuki/pipeline/reframe/plan-crop-path';
import type { FaceTracks } from '@kirinuki/pipeline/reframe/reframe-inputs';
import type { TimedWord } from '@kirinuki/pipeline/captions/caption-types';
import { transcodePlainSpan } from './plain-transcode.js';

/** CPU seconds (user + system) of finished child processes, from /proc on Linux; null elsewhere. */
function childCpuSec(): number | null {
  try {
    const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ') ?? [];
    // cutime and cstime are fields 16 and 17 of stat(5); after "pid (comm) " they sit at 13 and 14.
    return (Number(fields[13]) + Number(fields[14])) / 100;
  } catch {
    return null;
  }
}

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    keep: { type: 'boolean' },
    sweep: { type: 'boolean' },
  },
});
const seconds = Number(values.seconds);
const fps = 30;
const bins = resolveFfmpegBinaries();
const work = mkdtempSync(path.join(process.env.BENCH_DIR ?? tmpdir(), 'kirinuki-bench-render-'));
const source = path.join(work, 'source.mp4');
// The subject: a 200-px square that sits still and moves to the other side of the picture every
// 12 s (like a speaker shifting), or with --sweep one that drifts all the time (worst case).
const sweep = Boolean(values.sweep);
const boxExpr = sweep ? '860+600*sin(t/6)' : '400+900*gte(mod(t,24),12)';
const boxX = (t: number) => (sweep ? 860 + 600 * Math.sin(t / 6) : 400 + (t % 24 >= 12 ? 900 : 0));

console.log(`generating a ${seconds} s 1920x1080 ${fps} fps source…`);
await makeBoxVideo(bins.ffmpeg.path, source, {
  durationSec: seconds,
  xExpr: boxExpr,
  width: 1920,
  height: 1080,
  fps,
  box: 200,
  boxY: 300,
  background: (size, rate, d) => `testsrc2=size=${size}:rate=${rate}:duration=${d}`,
  boxColor: 'orange',
  tone: 'sine=frequency=220:beep_factor=3',
  toneDb: -12,
  x264: ['-crf', '18', '-g', fps * 2],
});
const mediaInfo = await probeMedia(source, statSync(source).size, { ffprobe: bins.ffprobe.path });

const sentence =
  'so here is the thing we tried this for a whole month and the results were honestly wild'.split(' ');
const words: TimedWord[] = [];
for (let t = 0.2, i = 0; t < seconds - 0.5; t += 0.32, i += 1) {
  const w = sentence[i % sentence.length] as string;
  words.push({
    start: t,
    end: t + 0.28,
    word: ` ${i % sentence.length === sentence.length - 1 ? `${w}.` : w}`,
    probability: 0.9,
  });
}
const boxes = [];
for (let t = 0; t <= seconds; t += 0.2) {
  boxes.push({ t, x: boxX(t) / 1920, y: 300 / 1080, w: 200 / 1920, h: 200 / 1080, score: 0.9 });
}
const faces: FaceTracks = { sampleFps: 5, tracks: [{ id: 1, start: 0, end: seconds, coverage: 1, boxes }] };

const preset = RENDER_PRESETS.tiktok;
const { encoder } = await chooseVideoEncoder({ bin: bins.ffmpeg.path });
const crop = cropSizeFor({ width: 1920, height: 1080 }, preset);

/** A plain transcode: crop + scale with the same encoder and preset, no captions, no loudness pass. */
async function plainTranscode(label: string, x: string): Promise<{ sec: number; cpuSec: number | null }> {
  console.log(
    `plain transcode, ${label} (${encoder}, crop ${crop.width}x${crop.height} → ${preset.width}x${preset.height})…`,
  );
  const cpuStart = childCpuSec();
  const started = performance.now();
  await transcodePlainSpan({
    ffmpeg: bins.ffmpeg.path,
    source,
    start: 0,
    duration: seconds,
    encoder,
    out: path.join(work, 'plain.mp4'),
    fps,
    x,
  });
  const cpuEnd = childCpuSec();
  return {
    sec: (performance.now() - started) / 1000,
    cpuSec: cpuStart === null || cpuEnd === null ? null : cpuEnd - cpuStart,
  };
}

const centre = await plainTranscode('static centre crop', String((1920 - crop.width) / 2));
// Same pictures as the render (the planned crop path), so the difference is the render's own work.
const plan = planCropPath({
  start: 0,
  end: seconds,
  source: { width: 1920, height: 1080 },
  output: preset,
  faces,
  fallback: 'center',
});
const sameCrop = await plainTranscode(
  'same crop path',
  axisExpression(plan.segments, 'x', fps).replace(/,/g, '\\,'),
);

console.log('kirinuki render (loudness pass + reframe + highlight captions)…');
const renderCpuStart = childCpuSec();
const renderStarted = performance.now();
const clip = await renderClip({
  source,
  mediaInfo,
  start: 0,
  end: seconds,
  words,
  faces,
  platform: 'tiktok',
  style: 'highlight',
  outDir: work,
  name: 'clip',
  encoder,
});
const renderSec = (performance.now() - renderStarted) / 1000;
const renderCpuEnd = childCpuSec();
const renderCpuSec = renderCpuStart === null || renderCpuEnd === null ? null : renderCpuEnd - renderCpuStart;

const frames = seconds * fps;
const round = (n: number | null, d = 2) => (n === null ? null : Number(n.toFixed(d)));
const against = (base: { sec: number; cpuSec: number | null }) => ({
  plainSec: round(base.sec),
  plainFps: round(frames / base.sec, 1),
  wallRatio: round(renderSec / base.sec, 3),
  // CPU time of the ffmpeg processes: steadier than wall time on a shared machine.
  plainCpuSec: round(base.cpuSec),
  cpuRatio: base.cpuSec && renderCpuSec ? round(renderCpuSec / base.cpuSec, 3) : null,
});
const result = {
  seconds,
  subject: sweep ? 'sweeping' : 'repositioning every 12 s',
  encoder,
  renderSec: round(renderSec),
  renderFps: round(frames / renderSec, 1),
  renderCpuSec: round(renderCpuSec),
  vsStaticCentreCrop: against(centre),
  vsSameCropPath: against(sameCrop),
  goal: 1.3,
  output: {
    width: clip.width,
    height: clip.height,
    durationSec: clip.durationSec,
    sizeBytes: clip.sizeBytes,
  },
};
console.log(JSON.stringify(result, null, 2));
const ratio = result.vsStaticCentreCrop.wallRatio ?? Infinity;
console.log(ratio <= 1.3 ? 'OK: within 1.3x of a plain transcode' : 'SLOWER than the 1.3x goal');
if (!values.keep) rmSync(work, { recursive: true, force: true });
else console.log(`kept ${work}`);
