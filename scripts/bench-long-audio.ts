// `pnpm bench:long-audio [--minutes N]` (or `pnpm bench long-audio`): a generated talk of N minutes
// (default 180) of espeak-ng speech with real pauses (0.3–8 s, some breaks of 20–60 s) and low
// background noise, made in the run and removed after it. (1) `kirinuki transcribe <file> --json`
// as a user runs it: wall time, RTF, peak RSS of its whole process tree against the goal ≤ 1 GiB,
// WER; the same on the talk's first minute as the baseline. (2) The VAD's gain: the talk's first
// 30 minutes (same speech/pause statistics) through the default path (Silero VAD, speech packed
// into ≤29 s windows) and through bench:asr's naive baseline (no VAD, 30 s windows one at a time).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  planLongTalk,
  talkPrefix,
  talkReference,
  type TalkPlan,
} from '@kirinuki/pipeline/test-support/asr/bench-long-talk';
import { prepareSpeechModels } from '@kirinuki/pipeline/asr/prepare-models';
import type { Transcript } from '@kirinuki/pipeline/asr/transcript';
import { wordErrorRate } from '@kirinuki/pipeline/test-support/asr/word-error-rate';
import { audioDurationSec } from '@kirinuki/pipeline/audio/audio-duration';
import { PCM_SAMPLE_RATE } from '@kirinuki/pipeline/audio/decode-pcm';
import { runCliMeasured, type MeasuredCliRun } from './long-audio/run-cli-measured.js';
import { benchSentences, makeSpeechPool, SPEEDS, type PoolFile } from './long-audio/speech-pool.js';
import { vadAgainstNaive, type ModeRun } from './long-audio/vad-against-naive.js';
import { writeTalkWav } from './long-audio/write-talk-wav.js';

const { values } = parseArgs({ options: { minutes: { type: 'string', default: '180' } } });
const minutes = Number(values.minutes);
if (!(minutes >= 2)) {
  console.error(`--minutes must be a number of minutes, at least 2 (not "${values.minutes}")`);
  process.exit(2);
}
try {
  execFileSync('espeak-ng', ['--version'], { stdio: 'ignore' });
} catch {
  console.error(
    'bench:long-audio speaks its talk with espeak-ng, which is not installed (apt install espeak-ng).',
  );
  process.exit(2);
}

const root = fileURLToPath(new URL('..', import.meta.url));
const cliBin = path.join(root, 'apps/desktop/bin/kirinuki.js');
const RATE = PCM_SAMPLE_RATE;
const GOAL_MIB = 1024;
const SLICE_MIN = Math.min(30, minutes);
const threads = Number(process.env.BENCH_THREADS ?? 2);
/** VAD and naive each run this many times, alternating; each side's best is shown. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const mib = (kb: number) => kb / 1024;
const sec = (samples: number) => samples / RATE;

function describe(plan: TalkPlan): string {
  const fraction = plan.speechSamples / plan.totalSamples;
  return (
    `${(sec(plan.totalSamples) / 60).toFixed(1)} min, ${plan.events.length} utterances, ` +
    `speech ${(sec(plan.speechSamples) / 60).toFixed(1)} min (${(100 * fraction).toFixed(1)} %), ` +
    `silence ${(sec(plan.totalSamples - plan.speechSamples) / 60).toFixed(1)} min, ${plan.longGaps} breaks of 20–60 s`
  );
}

function werOf(transcript: Transcript, plan: TalkPlan, pool: readonly PoolFile[]) {
  return wordErrorRate(talkReference(plan, pool), transcript.segments.map((s) => s.text).join(' '));
}

const work = mkdtempSync(path.join(tmpdir(), 'kirinuki-bench-long-audio-'));
try {
  // (0) The talk, from a pool of utterances spoken once.
  let t0 = performance.now();
  const poolDir = path.join(work, 'pool');
  mkdirSync(poolDir);
  const pool = await makeSpeechPool(poolDir);
  const voices = new Set(pool.map((p) => p.voice)).size;
  const poolSec = pool.reduce((n, p) => n + sec(p.samples), 0);
  console.log(
    `pool: ${pool.length} utterances (${benchSentences().length} sentences × ${pool.length / benchSentences().length}, ${voices} espeak-ng voices, ${SPEEDS.min}–${SPEEDS.max} wpm), ` +
      `${(poolSec / 60).toFixed(1)} min of speech, made in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
  );
  t0 = performance.now();
  const plan = planLongTalk(pool, { totalSamples: Math.round(minutes * 60 * RATE), sampleRate: RATE });
  const slice = talkPrefix(plan, SLICE_MIN * 60 * RATE);
  const minute = talkPrefix(plan, 60 * RATE);
  const files = { long: 'talk.wav', slice: 'slice.wav', minute: 'minute.wav' };
  const paths = Object.fromEntries(
    Object.entries(files).map(([k, f]) => [k, path.join(work, f)]),
  ) as typeof files;
  writeTalkWav(paths.long, plan, pool);
  writeTalkWav(paths.slice, slice, pool);
  writeTalkWav(paths.minute, minute, pool);
  const probed = await audioDurationSec(paths.long);
  if (Math.abs(probed - sec(plan.totalSamples)) > 0.01)
    throw new Error(`the talk's WAV reads as ${probed} s, its plan says ${sec(plan.totalSamples)} s`);
  console.log(
    `written in ${((performance.now() - t0) / 1000).toFixed(0)} s (16 kHz mono 16-bit WAV, ${(statSync(paths.long).size / 1e6).toFixed(0)} MB, noise -50 dBFS):`,
  );
  for (const [name, p] of [
    ['talk', plan],
    [`VAD slice (its first ${SLICE_MIN} min)`, slice],
    ['baseline (its first minute)', minute],
  ] as const)
    console.log(`  ${name}: ${describe(p)}`);

  // (1) The real CLI. One run first so the bundle and the models' verified stat exist, as they do
  // for a user's every run after the first.
  await prepareSpeechModels();
  await runCliMeasured(cliBin, paths.minute, { work });
  console.log(`\nkirinuki transcribe <file> --json (empty library, process tree sampled every 200 ms):`);
  const runs: Array<{ label: string; plan: TalkPlan; run: MeasuredCliRun; wer: ReturnType<typeof werOf> }> =
    [];
  for (const [label, file, p] of [
    ['first minute (baseline)', paths.minute, minute],
    [`${minutes} min talk`, paths.long, plan],
  ] as const) {
    const run = await runCliMeasured(cliBin, file, { work, onProgress: (line) => console.log(`  ${line}`) });
    const werStarted = performance.now();
    const wer = werOf(run.transcript, p, pool);
    const werSec = (performance.now() - werStarted) / 1000;
    runs.push({ label, plan: p, run, wer });
    console.log(
      `  ${label}: ${run.seconds.toFixed(1)} s, ${run.usage.samples} samples of [${run.usage.comms.join(', ')}], WER over ${wer.words} words in ${werSec.toFixed(1)} s`,
    );
  }
  const [base, long] = runs as [(typeof runs)[0], (typeof runs)[0]];
  const col = (cells: string[]) => cells.map((c, i) => (i ? c.padStart(30) : c.padEnd(30))).join('');
  const both = (f: (r: (typeof runs)[0]) => string) => [f(base), f(long)];
  console.log(`\n${col(['', 'first minute', `${minutes} min`])}`);
  const rows: Array<[string, string[]]> = [
    ['file length', both((r) => `${(sec(r.plan.totalSamples) / 60).toFixed(1)} min`)],
    [
      'speech fraction (truth)',
      both((r) => `${((100 * r.plan.speechSamples) / r.plan.totalSamples).toFixed(1)} %`),
    ],
    ['wall time', both((r) => `${r.run.seconds.toFixed(1)} s`)],
    ['RTF (wall / audio)', both((r) => (r.run.seconds / sec(r.plan.totalSamples)).toFixed(3))],
    ['CPU time, process tree', both((r) => `${r.run.usage.cpuSec.toFixed(1)} s`)],
    ['CPU RTF (CPU s / audio s)', both((r) => (r.run.usage.cpuSec / sec(r.plan.totalSamples)).toFixed(3))],
    ['load average (start, end)', both((r) => r.run.load.map((l) => l.toFixed(1)).join(', '))],
    ['peak RSS, process tree', both((r) => `${mib(r.run.usage.treeKb).toFixed(0)} MiB`)],
    ['peak RSS, largest process', both((r) => `${mib(r.run.usage.singleKb).toFixed(0)} MiB`)],
    [
      '  its own / mapped files',
      both(
        (r) =>
          `${mib(r.run.usage.singleAnonKb).toFixed(0)} / ${mib(r.run.usage.singleFileKb).toFixed(0)} MiB`,
      ),
    ],
    ['  its VmHWM (kernel peak)', both((r) => `${mib(r.run.usage.singleHwmKb).toFixed(0)} MiB`)],
    ['peak temp files (PCM spool)', both((r) => `${(r.run.tempPeakBytes / 2 ** 20).toFixed(0)} MiB`)],
    ['WER', both((r) => `${(100 * r.wer.wer).toFixed(2)} %`)],
    ['words out', both((r) => String(r.run.transcript.segments.reduce((n, s) => n + s.words.length, 0)))],
  ];
  for (const [name, cells] of rows) console.log(col([name, ...cells]));
  const treeMib = mib(long.run.usage.treeKb);
  console.log(
    `peak RSS of the tree on ${minutes} min: ${treeMib.toFixed(0)} MiB, goal ≤ ${GOAL_MIB} MiB ${treeMib <= GOAL_MIB ? 'met' : 'NOT met'}; ` +
      `${(treeMib / mib(base.run.usage.treeKb)).toFixed(2)}× the first minute's (+${(treeMib - mib(base.run.usage.treeKb)).toFixed(0)} MiB)`,
  );

  // (2) VAD against the naive baseline.
  const sliceSec = sec(slice.totalSamples);
  console.log(`\nVAD vs naive on the talk's first ${describe(slice)}:`);
  const modes = await vadAgainstNaive(paths.slice, { warmUp: paths.minute, rounds: ROUNDS, threads });
  const [vadMode, naiveMode] = modes;
  const [vad, naive] = [vadMode.best, naiveMode.best];
  const werOfRun = (r: ModeRun) => werOf(r.transcript, slice, pool);
  const [vadWer, naiveWer] = [werOfRun(vad), werOfRun(naive)];
  console.log(
    `  rounds (alternating; wall s): ${modes.map((m) => `${m.label.split(' ')[0]} ${m.runs.map((r) => r.seconds.toFixed(1)).join(', ')}`).join('; ')}; best of each below`,
  );
  console.log(col(['', vadMode.label, naiveMode.label]));
  const pair = (f: (m: ModeRun) => string) => [f(vad), f(naive)];
  for (const [name, cells] of [
    ['wall time', pair((m) => `${m.seconds.toFixed(1)} s`)],
    ['  reading (+ VAD scoring)', pair((m) => `${m.readSec.toFixed(1)} s`)],
    ['  Whisper windows', pair((m) => `${(m.seconds - m.readSec).toFixed(1)} s`)],
    ['RTF', pair((m) => (m.seconds / sliceSec).toFixed(3))],
    ['CPU time (this process)', pair((m) => `${m.cpuSec.toFixed(1)} s`)],
    ['load average (start, end)', pair((m) => m.load.map((l) => l.toFixed(1)).join(', '))],
    ['audio given to Whisper', pair((m) => `${(m.windowSec / 60).toFixed(1)} min`)],
    ['WER', [vadWer, naiveWer].map((w) => `${(100 * w.wer).toFixed(2)} %`)],
  ] as Array<[string, string[]]>)
    console.log(col([name, ...cells]));
  console.log(
    `ratio naive/VAD: time ${(naive.seconds / vad.seconds).toFixed(2)}×, CPU ${(naive.cpuSec / vad.cpuSec).toFixed(2)}×, ` +
      `Whisper windows alone ${((naive.seconds - naive.readSec) / (vad.seconds - vad.readSec)).toFixed(2)}×; ` +
      `speech fraction ${((100 * slice.speechSamples) / slice.totalSamples).toFixed(1)} % (VAD kept ${((100 * vad.windowSec) / sliceSec).toFixed(1)} %); ` +
      `WER ${(100 * vadWer.wer).toFixed(2)} % vs ${(100 * naiveWer.wer).toFixed(2)} % over ${vadWer.words} words`,
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
