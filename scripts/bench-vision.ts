// `node --import tsx scripts/bench-vision.ts [--runs N] [--regenerate]`: shot detection against
// ffmpeg's own scene pass on a generated 10-minute 1080p H.264 file (same binary, same run), cut
// accuracy of both on ../shared/eval, and the face pass's throughput.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveFfmpegBinaries } from '@kirinuki/pipeline/ffmpeg/ffmpeg-binaries';
import { runFfmpeg } from '@kirinuki/pipeline/ffmpeg/run-ffmpeg';
import {
  accuracyFromCounts,
  parseCutGroundTruth,
  scoreCuts,
} from '@kirinuki/pipeline/test-support/vision/cut-accuracy';
import { detectFaces } from '@kirinuki/pipeline/vision/detect-faces';
import { detectShots } from '@kirinuki/pipeline/vision/detect-shots';
import {
  ffmpegSceneCuts,
  timeFfmpegScenePass,
} from '@kirinuki/pipeline/test-support/vision/ffmpeg-scene-baseline';

const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] ?? 2) || 2;
const ffmpeg = resolveFfmpegBinaries().ffmpeg.path;
const FPS = 30;
const CLIP_SEC = 10;
const TOTAL_SEC = 600;
const FACE_LIMIT_SEC = 120;

// Six looks with different motion; each becomes a 10 s 1080p clip, repeated in turn to 10 minutes.
const SOURCES = [
  'testsrc2=s=1920x1080:r=30',
  'mandelbrot=s=480x270:r=30,scale=1920:1080',
  'smptehdbars=s=1920x1080:r=30,noise=alls=12:allf=t',
  'cellauto=s=480x270:r=30:rule=110,scale=1920:1080',
  // A pan: 6 px per frame travels 1800 of the 1920 px in 10 s, so it never wraps (a wrap is a cut).
  "testsrc=s=3840x1080:r=30,crop=1920:1080:'n*6':0",
  'life=s=480x270:r=30:mold=10:ratio=0.2:death_color=#202060:life_color=#e0c040,scale=1920:1080',
];

async function makeBenchVideo(dir: string): Promise<{ file: string; cuts: number[] }> {
  const file = path.join(dir, 'bench-1080p-10min.mp4');
  // The six clips in turn: every boundary joins two different clips, so every boundary is a cut
  // (a clip following itself restarts its animation, which is a cut too, but an ambiguous one).
  const order = Array.from({ length: TOTAL_SEC / CLIP_SEC }, (_, i) => i % SOURCES.length);
  const cuts = order
    .slice(1)
    .map((_, i) => (i + 1) * CLIP_SEC * FPS)
    .filter((_, i) => order[i] !== order[i + 1]);
  if (existsSync(file) && !args.includes('--regenerate')) return { file, cuts };
  const clips = await Promise.all(
    SOURCES.map(async (source, i) => {
      const clip = path.join(dir, `clip-${i}.mp4`);
      if (!existsSync(clip) || args.includes('--regenerate')) {
        process.stderr.write(`encoding clip ${i + 1}/${SOURCES.length}…\n`);
        await runFfmpeg({
          bin: ffmpeg,
          args: [
            '-hide_banner',
            '-v',
            'error',
            '-y',
            '-f',
            'lavfi',
            '-i',
            `${source},format=yuv420p`,
            '-t',
            CLIP_SEC,
            '-c:v',
            'libx264',
            '-preset',
            'veryfast',
            '-crf',
            '23',
            '-g',
            '120',
            clip,
          ],
        });
      }
      return clip;
    }),
  );
  const list = path.join(dir, 'list.txt');
  writeFileSync(list, order.map((i) => `file '${clips[i]}'`).join('\n'));
  await runFfmpeg({
    bin: ffmpeg,
    args: ['-hide_banner', '-v', 'error', '-y', '-f', 'concat', '-safe', '0', '-i', list, '-c', 'copy', file],
  });
  return { file, cuts };
}

/** The lower median (with two runs: the faster, for both sides alike). */
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)] as number;
const fmt = (x: number) => x.toFixed(3);

const dir = path.join(tmpdir(), 'kirinuki-bench-vision');
mkdirSync(dir, { recursive: true });
const bench = await makeBenchVideo(dir);
console.log(`ffmpeg: ${ffmpeg}`);
console.log(
  `bench file: ${bench.file} (10 min, 1920x1080, ${FPS} fps, H.264 veryfast, ${bench.cuts.length} cuts)`,
);

const ours: number[] = [];
const theirs: number[] = [];
let ourBenchCuts: number[] = [];
let ourBenchGradual = 0;
for (let run = 0; run < runs; run += 1) {
  // Alternate the two so load from other processes on the machine hits both alike.
  const started = Date.now();
  const result = await detectShots(bench.file, { ffmpeg, fps: FPS, durationSec: TOTAL_SEC });
  ours.push(Date.now() - started);
  ourBenchCuts = result.cuts.filter((c) => c.kind === 'hard').map((c) => c.frame);
  ourBenchGradual = result.cuts.length - ourBenchCuts.length;
  theirs.push(await timeFfmpegScenePass(ffmpeg, bench.file));
  console.log(
    `run ${run + 1}: kirinuki shots ${(ours.at(-1)! / 1000).toFixed(1)} s, ffmpeg scene pass ${(theirs.at(-1)! / 1000).toFixed(1)} s`,
  );
}
const ratio = median(ours) / median(theirs);
console.log(
  `shot detection / ffmpeg scene pass (median of ${runs}): ${(median(ours) / 1000).toFixed(1)} s / ${(median(theirs) / 1000).toFixed(1)} s = ${ratio.toFixed(2)}x (goal <= 1.0x)`,
);
console.log(
  `hard-cut F1 on the bench file: ${fmt(scoreCuts(ourBenchCuts, bench.cuts, 1).f1)}; gradual cuts reported: ${ourBenchGradual} (it has none: every boundary is a hard cut, with a pan and zooming/animated clips between)`,
);

const evalDir = fileURLToPath(new URL('../../shared/eval', import.meta.url));
if (existsSync(path.join(evalDir, 'video_cuts.tsv'))) {
  const truth = parseCutGroundTruth(readFileSync(path.join(evalDir, 'video_cuts.tsv'), 'utf8'));
  const totals = { ours: [0, 0, 0], ffmpeg: [0, 0, 0] };
  for (const row of truth) {
    const input = path.join(evalDir, row.file);
    const mine = (await detectShots(input, { ffmpeg, fps: 25, durationSec: null })).cuts
      .filter((c) => c.kind === 'hard')
      .map((c) => c.frame);
    const base = await ffmpegSceneCuts(ffmpeg, input, 0.3);
    for (const [key, predicted] of [
      ['ours', mine],
      ['ffmpeg', base],
    ] as const) {
      const s = scoreCuts(predicted, row.hardCuts, 1);
      const t = totals[key];
      t[0]! += s.truePositives;
      t[1]! += s.falsePositives;
      t[2]! += s.falseNegatives;
    }
    console.log(
      `  ${path.basename(row.file).padEnd(28)} truth ${JSON.stringify(row.hardCuts)}  kirinuki ${JSON.stringify(mine)}  ffmpeg>0.3 ${JSON.stringify(base)}`,
    );
  }
  const f1 = (t: number[]) => accuracyFromCounts(t[0]!, t[1]!, t[2]!).f1;
  console.log(
    `hard-cut F1 on ../shared/eval (±1 frame): kirinuki ${fmt(f1(totals.ours))}, ffmpeg scene>0.3 ${fmt(f1(totals.ffmpeg))}`,
  );
} else console.log('../shared/eval not found: eval F1 skipped');

{
  const started = Date.now();
  const faces = await detectFaces(bench.file, {
    ffmpeg,
    width: 1920,
    height: 1080,
    durationSec: TOTAL_SEC,
    limitSec: FACE_LIMIT_SEC,
  });
  const sec = (Date.now() - started) / 1000;
  console.log(
    `face pass on the first ${FACE_LIMIT_SEC} s of the bench file (1080p decode included): ${faces.samples.length} sampled frames at ${faces.sampleFps} fps in ${sec.toFixed(1)} s = ${(faces.samples.length / sec).toFixed(1)} frames/s (${faces.provider})`,
  );
}
const talking = path.join(evalDir, 'video_talking_sadtalker');
if (existsSync(talking)) {
  const file = path.join(talking, 'WDA_KatieHill_000.mp4');
  const started = Date.now();
  const faces = await detectFaces(file, { ffmpeg, width: 512, height: 512, durationSec: 8, sampleFps: 25 });
  const sec = (Date.now() - started) / 1000;
  console.log(
    `face pass on a talking head, every frame: ${faces.samples.length} frames in ${sec.toFixed(2)} s = ${(faces.samples.length / sec).toFixed(1)} frames/s; tracks ${faces.tracks.length}, coverage ${faces.tracks[0]?.coverage}`,
  );
}
