// `node --import tsx scripts/bench-asr.ts` (or `pnpm bench asr`): local Whisper on ../shared/eval
// (en_jfk, en_librispeech; ja_reazonspeech with a downloaded multilingual model; read in place,
// never copied). Prints WER, real-time factor with and
// without model load, peak RSS, the wall time of the `kirinuki transcribe --json` CLI per file,
// and the ratio against a naive baseline (no VAD, fixed 30 s windows, one at a time) run here too.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadLocalAsrEngine } from '@kirinuki/pipeline/asr/local-asr-engine';
import { prepareSpeechModels, sourcePath, WHISPER_MODEL_ID } from '@kirinuki/pipeline/asr/prepare-models';
import { editWhisperModel } from '@kirinuki/pipeline/asr/whisper-model-surgery';
import { WhisperWindowDecoder } from '@kirinuki/pipeline/asr/whisper-window-decoder';
import { decodePcm16k } from '@kirinuki/pipeline/audio/decode-pcm';
import { transcribeFile } from '@kirinuki/pipeline/asr/transcribe-file';
import { characterErrorRate, wordErrorRate } from '@kirinuki/pipeline/test-support/asr/word-error-rate';
import {
  median,
  wordStartErrors,
  type TimedWord,
} from '@kirinuki/pipeline/test-support/asr/word-timing-error';
import { resolveFfmpegBinaries } from '@kirinuki/pipeline';
import {
  defaultModelsDir,
  readModelManifest,
  verifyModelFiles,
} from '@kirinuki/pipeline/models/model-manifest';

const root = fileURLToPath(new URL('..', import.meta.url));
const evalDir = path.resolve(root, '../shared/eval');
const cliBin = path.join(root, 'apps/desktop/bin/kirinuki.js');

interface Item {
  set: string;
  file: string;
  durationSec: number;
  reference: string;
}

function readSet(set: string, only?: (file: string) => boolean): Item[] {
  const tsv = path.join(evalDir, set, 'transcripts.tsv');
  if (!existsSync(tsv)) throw new Error(`missing ${tsv}: the eval media lives in ../shared/eval`);
  return readFileSync(tsv, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t') as [string, string, string])
    .filter(([file]) => !only || only(file))
    .map(([file, duration, reference]) => ({
      set,
      file: path.join(evalDir, set, file),
      durationSec: Number(duration),
      reference,
    }));
}

const threads = Number(process.env.BENCH_THREADS ?? 2);

/** `--japanese <model>`: character error rate on ja_reazonspeech, in a process of its own. */
async function japanese(modelId: string) {
  const jaItems = readSet('ja_reazonspeech', (f) => f.startsWith('test_ja'));
  let [errors, chars, seconds] = [0, 0, 0];
  const jaAudio = jaItems.reduce((s, i) => s + i.durationSec, 0);
  console.log(`\nJapanese with ${modelId} (character error rate):`);
  for (const item of jaItems) {
    const started = performance.now();
    const t = await transcribeFile(item.file, { model: modelId, language: 'ja', threads });
    seconds += (performance.now() - started) / 1000;
    const hyp = t.segments.map((s) => s.text).join('');
    const c = characterErrorRate(item.reference, hyp);
    [errors, chars] = [errors + c.errors, chars + c.chars];
    console.log(
      `  ${path.basename(item.file).padEnd(20)} CER ${(100 * c.cer).toFixed(1).padStart(5)} %  ${hyp}`,
    );
  }
  console.log(
    `  total: CER ${((100 * errors) / chars).toFixed(2)} %, RTF ${(seconds / jaAudio).toFixed(3)} (model load included), peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );
}
const japaneseModel = process.argv.includes('--japanese')
  ? process.argv[process.argv.indexOf('--japanese') + 1]
  : null;
if (japaneseModel) {
  await japanese(japaneseModel);
  process.exit(0);
}

/** The manifest's models, and whether each one's files are all here and verify. */
async function listModels() {
  const dir = defaultModelsDir();
  const statuses = await verifyModelFiles(dir, undefined, { includeUnprepared: true, trustVerified: true });
  return readModelManifest(dir).models.map((m) => ({
    id: m.id,
    languages: m.languages ?? [],
    ready: statuses.filter((s) => s.model === m.id).every((s) => s.present && s.sha256Ok),
  }));
}

const items = [...readSet('en_jfk', (f) => f === 'jfk.wav'), ...readSet('en_librispeech')];
const audioSec = items.reduce((s, i) => s + i.durationSec, 0);

await prepareSpeechModels();
const loadStart = performance.now();
const engine = await loadLocalAsrEngine({ threads });
const { provider, reason } = await engine.whisperOpened;
const loadSec = (performance.now() - loadStart) / 1000;
console.log(`model load ${loadSec.toFixed(2)} s on ${provider} (${reason}), ${threads} threads`);

async function runMode(label: string, vad: boolean) {
  let seconds = 0;
  let errors = 0;
  let words = 0;
  const rows: string[] = [];
  for (const item of items) {
    const started = performance.now();
    const t = await transcribeFile(item.file, { engine, vad });
    const took = (performance.now() - started) / 1000;
    seconds += took;
    const hyp = t.segments.map((s) => s.text).join(' ');
    const w = wordErrorRate(item.reference, hyp);
    errors += w.errors;
    words += w.words;
    rows.push(
      `  ${path.basename(item.file).padEnd(32)} ${item.durationSec.toFixed(1).padStart(5)} s  ${took.toFixed(2)} s  WER ${(100 * w.wer).toFixed(1).padStart(5)} %  ${hyp}`,
    );
  }
  console.log(`\n${label}`);
  for (const row of rows) console.log(row);
  const wer = errors / words;
  console.log(
    `  total: WER ${(100 * wer).toFixed(2)} %, RTF ${(seconds / audioSec).toFixed(3)} excluding load, ${((seconds + loadSec) / audioSec).toFixed(3)} including load`,
  );
  return { seconds, wer };
}

// Warm-up so the first measured file does not pay onnxruntime's first-run allocations.
await transcribeFile(items[0]!.file, { engine });
const pipeline = await runMode('pipeline (Silero VAD, speech packed into ≤29 s windows)', true);
const baseline = await runMode('naive baseline (no VAD, fixed 30 s windows, one at a time)', false);
console.log(
  `\nratio baseline/pipeline: time ${(baseline.seconds / pipeline.seconds).toFixed(2)}x, WER ${(100 * baseline.wer).toFixed(2)} % vs ${(100 * pipeline.wer).toFixed(2)} %`,
);

const media = path.join(root, 'fixtures/media');
const truth = JSON.parse(readFileSync(path.join(media, 'asr-timed-words.json'), 'utf8')) as TimedWord[];
const timed = await transcribeFile(path.join(media, 'asr-timed-words.wav'), { engine });
const startErrors = wordStartErrors(
  truth,
  timed.segments.flatMap((s) => s.words),
);
console.log(
  `word timing (fixtures/media/asr-timed-words.wav, ${truth.length} words with known starts): ${startErrors.length} matched, median start error ${median(startErrors).toFixed(3)} s, max ${Math.max(...startErrors).toFixed(3)} s`,
);
await engine.release();
console.log(`peak RSS of this process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);

// Japanese (../shared/eval/ja_reazonspeech) with each multilingual model that is downloaded here.
const multilingual = (await listModels()).filter((m) => m.languages.includes('ja'));
if (!multilingual.some((m) => m.ready))
  console.log(
    `\nJapanese: skipped, no multilingual model is downloaded (${multilingual.map((m) => m.id).join(', ')}; \`pnpm kirinuki models download whisper-base\`)`,
  );
// Each model in a process of its own, so its peak RSS is its own.
for (const model of multilingual.filter((m) => m.ready))
  spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--japanese', model.id], {
    stdio: 'inherit',
  });

console.log(
  '\nCLI wall time (`kirinuki transcribe <file> --json` in an empty library, so nothing is reused; process start and model load included):',
);
// One run first, so the bundle (rebuilt when sources changed) and the models' verified stat exist
// as they do for a user's every run after the first.
const library = mkdtempSync(path.join(tmpdir(), 'kirinuki-bench-asr-'));
spawnSync(process.execPath, [cliBin, 'transcribe', items[0]!.file, '--json', '--library', library]);
// Each figure is the median of RUNS (a VM's neighbours make single runs vary by ±30 %), each run
// in an empty library so nothing is reused.
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const wallTime = (command: string, args: string[]) => {
  rmSync(library, { recursive: true, force: true });
  const started = performance.now();
  const run = spawnSync(command, args, { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${run.stderr}`);
  return (performance.now() - started) / 1000;
};
const transcribeArgs = (file: string) => ['transcribe', file, '--json', '--library', library];
let cliTotal = 0;
for (const item of items) {
  const took = median(
    Array.from({ length: RUNS }, () => wallTime(process.execPath, [cliBin, ...transcribeArgs(item.file)])),
  );
  cliTotal += took;
  console.log(
    `  ${path.basename(item.file).padEnd(32)} ${took.toFixed(2)} s  RTF ${(took / item.durationSec).toFixed(3)}`,
  );
}
console.log(
  `  total RTF ${(cliTotal / audioSec).toFixed(3)} over ${audioSec.toFixed(1)} s of audio (median of ${RUNS} runs each)`,
);

// The issue's own measure goes through pnpm, which spends its own start-up before ours: its
// `pnpm --version`, timed between the runs, is the floor.
console.log(
  `  \`pnpm kirinuki transcribe <file> --json\`, every file (the floor: pnpm's own start over the file's length):`,
);
let pnpmTotal = 0;
const pnpmAlone: number[] = [];
for (const item of items) {
  const runs: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    runs.push(wallTime('pnpm', ['-s', 'kirinuki', ...transcribeArgs(item.file)]));
    pnpmAlone.push(wallTime('pnpm', ['--version']));
  }
  const took = median(runs);
  pnpmTotal += took;
  console.log(
    `    ${path.basename(item.file).padEnd(30)} ${took.toFixed(2)} s  RTF ${(took / item.durationSec).toFixed(3)}  (floor ${(median(pnpmAlone) / item.durationSec).toFixed(3)})`,
  );
}
const floor = median(pnpmAlone);
console.log(
  `  through pnpm, every file: total RTF ${(pnpmTotal / audioSec).toFixed(3)} over ${audioSec.toFixed(1)} s (floor ${((items.length * floor) / audioSec).toFixed(3)}; \`pnpm --version\` ${floor.toFixed(2)} s)`,
);
const longDir = mkdtempSync(path.join(tmpdir(), 'kirinuki-bench-long-'));
const longFile = path.join(longDir, 'talk.wav');
const parts = [...items, ...items, ...items, ...items];
const chain = parts.map((_, i) => `[${i}:a]aresample=16000,aformat=channel_layouts=mono[a${i}]`).join(';');
const made = spawnSync(
  resolveFfmpegBinaries().ffmpeg.path,
  [
    '-v',
    'error',
    ...parts.flatMap((p) => ['-i', p.file]),
    '-filter_complex',
    `${chain};${parts.map((_, i) => `[a${i}]`).join('')}concat=n=${parts.length}:v=0:a=1[out]`,
    '-map',
    '[out]',
    longFile,
  ],
  { encoding: 'utf8' },
);
if (made.status !== 0) throw new Error(`could not make the long talk: ${made.stderr}`);
const longSec = parts.reduce((s, p) => s + p.durationSec, 0);
const longTook = median(
  Array.from({ length: 3 }, () => wallTime('pnpm', ['-s', 'kirinuki', ...transcribeArgs(longFile)])),
);
console.log(
  `  \`pnpm kirinuki transcribe\` on a ${longSec.toFixed(0)} s talk (the clips four times over): ${longTook.toFixed(2)} s, RTF ${(longTook / longSec).toFixed(3)}`,
);

// The log-mel's STFT as onnxruntime's STFT op computes it (the graph as speech-transcriber ships
// it) against the convolution the preparation puts in its place, window by window on the talk.
const modelsDir = defaultModelsDir();
const tinyEn = readModelManifest(modelsDir).models.find((m) => m.id === WHISPER_MODEL_ID)!;
const withStftOp = editWhisperModel(readFileSync(sourcePath(tinyEn)), { stftAsConvolution: false }).model;
const decoders = {
  convolution: await WhisperWindowDecoder.open(modelsDir, { threads }),
  'STFT op': await WhisperWindowDecoder.open(modelsDir, { threads }, withStftOp),
};
const talk: Float32Array[] = [];
for await (const chunk of decodePcm16k(longFile)) talk.push(chunk);
const talkPcm = new Float32Array(talk.reduce((n, c) => n + c.length, 0));
talk.reduce((at, c) => (talkPcm.set(c, at), at + c.length), 0);
const stftSeconds = { convolution: 0, 'STFT op': 0 };
for (let at = 0; at < talkPcm.length; at += 29 * 16000) {
  const window = talkPcm.subarray(at, at + 29 * 16000);
  for (const [name, decoder] of Object.entries(decoders)) {
    const started = performance.now();
    await decoder.decode(window);
    stftSeconds[name as keyof typeof decoders] += (performance.now() - started) / 1000;
  }
}
console.log(
  `  tiny.en on the talk's 29 s windows (decoding only): log-mel by convolution ${stftSeconds.convolution.toFixed(2)} s, by onnxruntime's STFT op ${stftSeconds['STFT op'].toFixed(2)} s (ratio ${(stftSeconds['STFT op'] / stftSeconds.convolution).toFixed(2)}x)`,
);
await Promise.all(Object.values(decoders).map((d) => d.release()));
rmSync(longDir, { recursive: true, force: true });
rmSync(library, { recursive: true, force: true });
