// `pnpm bench:long [--minutes 60] [--also 10]`: a long 1080p30 H.264 talk made in the run (a 173 s
// base of the talk fixture and the two eval talking heads, speech in all of it, light grain, looped
// with stream copy) through `kirinuki clip <file> --render --count 5` as a user runs it, in an empty
// library. Measured in the same run with the same ffmpeg: one plain decode of the file's video
// (`ffmpeg -i <file> -map 0:v -f null -`) and plain transcodes (crop + scale, same encoder) of the
// five clip spans. Prints each stage's time from the event log and the ratios. Goals on 2 cores:
// analysis (everything before the first render) ≤ 1.0× one plain decode, the whole run ≤ 8 min.
// `--also 10` does the same on a 10-minute file first, to show how the cost grows with length.
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { resolveFfmpegBinaries } from '@kirinuki/pipeline/ffmpeg/ffmpeg-binaries';
import { runFfmpeg } from '@kirinuki/pipeline/ffmpeg/run-ffmpeg';
import { chooseVideoEncoder } from '@kirinuki/pipeline/render/choose-encoder';
import type { VideoEncoderName } from '@kirinuki/pipeline/render/video-encoder';
import { transcodePlainSpan } from './plain-transcode.js';
import { watchProcessTree, type TreeUsage } from '@kirinuki/pipeline/test-support/process/process-tree-usage';

const { values } = parseArgs({
  options: {
    minutes: { type: 'string', default: '60' },
    also: { type: 'string', default: '10' },
    keep: { type: 'boolean' },
  },
});
const lengths = [Number(values.also), Number(values.minutes)].filter((m) => m > 0);
if (lengths.some((m) => !Number.isFinite(m) || m < 4)) {
  console.error(`--minutes and --also are lengths in minutes, at least 4 (or --also 0 for none)`);
  process.exit(2);
}

const root = fileURLToPath(new URL('..', import.meta.url));
const cliBin = path.join(root, 'apps/desktop/bin/kirinuki.js');
const talk = path.join(root, 'fixtures/media/talk-4-topics-320x240.mp4');
const heads = path.join(root, '../shared/eval/video_talking_sadtalker');
const bins = resolveFfmpegBinaries();
const ffmpeg = bins.ffmpeg.path;
const work = mkdtempSync(path.join(process.env.BENCH_DIR ?? tmpdir(), 'kirinuki-bench-long-'));
const round = (n: number, d = 1) => Number(n.toFixed(d));
const elapsed = (since: number) => (performance.now() - since) / 1000;

/** The base: the 92 s four-topic talk, then each talking head five times over, all 1920×1080 at 30 fps. */
async function makeBase(file: string): Promise<void> {
  const aoc = path.join(heads, 'WDA_AlexandriaOcasioCortez_000.mp4');
  const hill = path.join(heads, 'WDA_KatieHill_000.mp4');
  const video = (i: number) =>
    `[${i}:v]scale=1920:1080:force_original_aspect_ratio=decrease,pad=1920:1080:(ow-iw)/2:(oh-ih)/2,` +
    `fps=30,setsar=1,format=yuv420p[v${i}]`;
  const audio = (i: number) => `[${i}:a]aresample=48000,aformat=channel_layouts=stereo[a${i}]`;
  await runFfmpeg({
    bin: ffmpeg,
    args: [
      '-hide_banner',
      '-nostdin',
      '-v',
      'error',
      '-y',
      '-i',
      talk,
      '-stream_loop',
      4,
      '-i',
      aoc,
      '-stream_loop',
      4,
      '-i',
      hill,
      '-filter_complex',
      [0, 1, 2].flatMap((i) => [video(i), audio(i)]).join(';') +
        ';[v0][a0][v1][a1][v2][a2]concat=n=3:v=1:a=1[cv][ca];[cv]noise=alls=6:allf=t[nv]',
      '-map',
      '[nv]',
      '-map',
      '[ca]',
      '-c:v',
      'libx264',
      '-preset',
      'veryfast',
      '-crf',
      23,
      '-c:a',
      'aac',
      '-b:a',
      '128k',
      file,
    ],
  });
}

/** `minutes` of the base looped, by stream copy (no second encode). */
async function loopTo(base: string, minutes: number, file: string): Promise<void> {
  const args = ['-hide_banner', '-nostdin', '-v', 'error', '-y', '-stream_loop', -1, '-i', base];
  await runFfmpeg({ bin: ffmpeg, args: [...args, '-t', minutes * 60, '-c', 'copy', file] });
}

async function plainDecode(file: string): Promise<number> {
  const started = performance.now();
  await runFfmpeg({
    bin: ffmpeg,
    args: ['-hide_banner', '-nostdin', '-v', 'error', '-i', file, '-map', '0:v', '-f', 'null', '-'],
  });
  return elapsed(started);
}

interface ClipOut {
  videoId: string;
  clips: Array<{ id: string; start: number; end: number }>;
}

interface CliRun {
  seconds: number;
  usage: TreeUsage;
  out: ClipOut;
}

async function runClip(file: string, library: string, out: string): Promise<CliRun> {
  const started = performance.now();
  const outFile = path.join(work, 'clip.json');
  const fd = openSync(outFile, 'w');
  const args = [
    cliBin,
    'clip',
    file,
    '--render',
    '--count',
    '5',
    '--library',
    library,
    '--out',
    out,
    '--json',
  ];
  const child = spawn(process.execPath, args, { stdio: ['ignore', fd, 'pipe'] });
  closeSync(fd);
  const watch = watchProcessTree(child.pid!, 250);
  let tail = '';
  let toldAt = 0;
  child.stderr!.setEncoding('utf8').on('data', (text: string) => {
    tail = (tail + text).slice(-4000);
    if (performance.now() - toldAt < 30_000) return;
    toldAt = performance.now();
    console.log(`  ${elapsed(started).toFixed(0).padStart(5)} s  ${text.trim().split('\n').pop()}`);
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', resolve);
  });
  const seconds = elapsed(started);
  const usage = watch.stop();
  if (code !== 0) throw new Error(`kirinuki clip exited with ${code}:\n${tail}`);
  return { seconds, usage, out: JSON.parse(readFileSync(outFile, 'utf8')) as ClipOut };
}

interface LoggedEvent {
  type: string;
  aggregateId: string;
  at: string;
  payload: { stage?: string; clipId?: string };
}

/** Each stage's job from the library's event log: when it started and ended, from the run's first event. */
async function stageTimes(library: string): Promise<{
  stages: Record<string, { startSec: number; endSec: number }>;
  renders: number[];
}> {
  const fd = openSync(path.join(work, 'events.json'), 'w');
  const child = spawn(process.execPath, [cliBin, 'events', '--json', '--library', library], {
    stdio: ['ignore', fd, 'inherit'],
  });
  closeSync(fd);
  await new Promise((resolve) => child.once('exit', resolve));
  const events = (
    JSON.parse(readFileSync(path.join(work, 'events.json'), 'utf8')) as { events: LoggedEvent[] }
  ).events;
  const t0 = Math.min(...events.map((e) => Date.parse(e.at)));
  const at = (e: LoggedEvent) => (Date.parse(e.at) - t0) / 1000;
  const stageOf = new Map<string, string>();
  const stages: Record<string, { startSec: number; endSec: number }> = {};
  const renders: number[] = [];
  for (const e of events) {
    if (e.type === 'JobEnqueued' && e.payload.stage) stageOf.set(e.aggregateId, e.payload.stage);
    const stage = stageOf.get(e.aggregateId);
    if (stage && e.type === 'JobStarted') stages[stage] = { startSec: at(e), endSec: NaN };
    if (stage && e.type === 'JobSucceeded' && stages[stage]) stages[stage].endSec = at(e);
    if (e.type === 'ClipRendered') renders.push(at(e));
  }
  return { stages, renders };
}

/** Plain transcodes of the clips' spans: centre crop to 9:16 and scale, same encoder, no captions. */
async function plainTranscodes(
  file: string,
  clips: ClipOut['clips'],
  encoder: VideoEncoderName,
): Promise<number> {
  const started = performance.now();
  for (const clip of clips)
    await transcodePlainSpan({
      ffmpeg,
      source: file,
      start: clip.start,
      duration: clip.end - clip.start,
      encoder,
      out: path.join(work, 'plain.mp4'),
    });
  return elapsed(started);
}

async function benchLength(
  base: string,
  minutes: number,
  encoder: VideoEncoderName,
): Promise<Record<string, unknown>> {
  const file = path.join(work, `talk-${minutes}min.mp4`);
  await loopTo(base, minutes, file);
  console.log(`\n== ${minutes} min (${(statSync(file).size / 2 ** 20).toFixed(0)} MiB) ==`);
  console.log('plain decode of the video…');
  const decodeSec = await plainDecode(file);
  console.log(`  ${decodeSec.toFixed(1)} s`);
  const library = path.join(work, `library-${minutes}`);
  const out = path.join(work, `out-${minutes}`);
  mkdirSync(out, { recursive: true });
  console.log('kirinuki clip --render --count 5…');
  const run = await runClip(file, library, out);
  const { stages, renders } = await stageTimes(library);
  const analysisSec = stages.segment?.endSec ?? NaN;
  const spans = run.out.clips;
  console.log('plain transcodes of the clip spans…');
  const transcodeSec = await plainTranscodes(file, spans, encoder);
  const renderSec = (renders.at(-1) ?? NaN) - analysisSec;
  rmSync(file);
  return {
    minutes,
    plainDecodeSec: round(decodeSec),
    stages: Object.fromEntries(
      Object.entries(stages).map(([s, t]) => [
        s,
        { startSec: round(t.startSec), endSec: round(t.endSec), sec: round(t.endSec - t.startSec) },
      ]),
    ),
    analysisSec: round(analysisSec),
    analysisVsPlainDecode: round(analysisSec / decodeSec, 3),
    visionVsPlainDecode: stages.vision
      ? round((stages.vision.endSec - stages.vision.startSec) / decodeSec, 3)
      : null,
    clipsSec: round(spans.reduce((s, c) => s + c.end - c.start, 0)),
    rendersSec: round(renderSec),
    plainTranscodesSec: round(transcodeSec),
    rendersVsPlainTranscodes: round(renderSec / transcodeSec, 3),
    wallSec: round(run.seconds),
    wallMin: round(run.seconds / 60, 2),
    peakTreeRssMiB: round(run.usage.treeKb / 1024, 0),
    peakProcessRssMiB: round(run.usage.singleKb / 1024, 0),
    peakProcess: run.usage.singleComm,
  };
}

try {
  const { encoder } = await chooseVideoEncoder({ bin: ffmpeg });
  console.log(
    `${cpus().length} cores, ffmpeg ${bins.ffmpeg.path} (${bins.ffmpeg.source}), encoder ${encoder}`,
  );
  const base = path.join(work, 'base.mp4');
  console.log('making the 173 s 1080p30 base (talk fixture + eval talking heads, x264 veryfast)…');
  const baseStarted = performance.now();
  await makeBase(base);
  console.log(`  ${elapsed(baseStarted).toFixed(0)} s`);
  const results = [];
  for (const minutes of lengths) {
    const result = await benchLength(base, minutes, encoder);
    console.log(JSON.stringify(result, null, 2));
    results.push(result);
  }
  const last = results.at(-1) as { analysisVsPlainDecode: number; wallMin: number };
  console.log(
    `\nanalysis ${last.analysisVsPlainDecode}× one plain decode (goal ≤ 1.0): ${last.analysisVsPlainDecode <= 1 ? 'OK' : 'NOT MET'}; ` +
      `whole run ${last.wallMin} min (goal ≤ 8, stretch 6): ${last.wallMin <= 8 ? 'OK' : 'NOT MET'}`,
  );
} finally {
  if (!values.keep) rmSync(work, { recursive: true, force: true });
  else console.log(`kept ${work}`);
}
