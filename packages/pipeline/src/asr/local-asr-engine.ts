import ort from 'onnxruntime-node';
import path from 'node:path';
import { defaultModelsDir, readModelManifest } from '../models/model-manifest.js';
import { SileroVad } from '../vad/silero-vad.js';
import { openOrtSession, type SessionSettings } from './open-ort-session.js';
import { prepareSileroVad, prepareSpeechModels, SILERO_VAD_ID, WHISPER_MODEL_ID } from './prepare-models.js';
import { checkModelFiles } from './whisper-models.js';
import { checkModelLanguage, localWhisperModel } from './whisper-catalog.js';
import type { WindowDecoder } from './whisper-window-decoder.js';
import { WhisperWorkerDecoder, type OpenedOn } from './whisper-worker-decoder.js';

export interface LocalAsrEngine {
  /** Whisper in a worker thread; decode() waits until it is open. */
  whisper: WindowDecoder;
  /** Resolves once Whisper is open, with the execution provider and why; rejects if it cannot open. */
  whisperOpened: Promise<OpenedOn>;
  /** A fresh streaming VAD (its state belongs to one file). */
  newVad(): SileroVad;
  release(): Promise<void>;
}

export interface LoadEngineOptions extends SessionSettings {
  modelsDir?: string | undefined;
  signal?: AbortSignal | undefined;
  /** Remake the prepared model files first. */
  fresh?: boolean | undefined;
  /** A local Whisper model of the manifest (default the bundled tiny.en), and the language to write. */
  model?: string | undefined;
  language?: string | undefined;
}

/**
 * Prepares the models when needed (first use), starts Whisper opening in its worker and opens
 * Silero VAD here. Returns once the VAD is ready, so audio can be read and scored while Whisper
 * is still opening.
 */
export async function loadLocalAsrEngine(options: LoadEngineOptions = {}): Promise<LocalAsrEngine> {
  const modelsDir = options.modelsDir ?? defaultModelsDir();
  const entry = localWhisperModel(modelsDir, options.model ?? WHISPER_MODEL_ID);
  const language = options.language ?? 'en';
  checkModelLanguage(entry, language);
  const prepare = { modelsDir, signal: options.signal, force: options.fresh };
  if (entry.id === WHISPER_MODEL_ID) await prepareSpeechModels(prepare);
  else {
    await prepareSileroVad(prepare);
    await checkModelFiles(modelsDir, entry, options.signal);
  }
  const vadFile = readModelManifest(modelsDir).models.find((m) => m.id === SILERO_VAD_ID)?.files[0];
  if (!vadFile) throw new Error(`manifest has no ${SILERO_VAD_ID}`);
  const whisper = await WhisperWorkerDecoder.start(modelsDir, options, { id: entry.id, language });
  let vad;
  try {
    // The VAD is tiny and runs frame by frame: CPU with one thread beats any GPU round trip.
    vad = await openOrtSession(path.join(modelsDir, vadFile.path), { forceCpu: true, threads: 1 });
  } catch (error) {
    await whisper.release();
    throw error;
  }
  const vadSession = vad.session;
  return {
    whisper,
    whisperOpened: whisper.opened,
    newVad: () => new SileroVad(ort, vadSession),
    release: async () => {
      await whisper.release();
      await vadSession.release();
    },
  };
}
