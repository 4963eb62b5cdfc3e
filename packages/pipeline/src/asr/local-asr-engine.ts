import ort from 'onnxruntime-node';
import path from 'node:path';
import { defaultModelsDir, readModelManifest } from '../models/model-manifest.js';
import { SileroVad } from '../vad/silero-vad.js';
import { openOrtSession, type SessionSettings } from './open-ort-session.js';
import { prepareSpeechModels, SILERO_VAD_ID } from './prepare-models.js';
import { WhisperWindowDecoder } from './whisper-window-decoder.js';

export interface LocalAsrEngine {
  whisper: WhisperWindowDecoder;
  /** A fresh streaming VAD (its state belongs to one file). */
  newVad(): SileroVad;
  provider: string;
  providerReason: string;
  release(): Promise<void>;
}

export interface LoadEngineOptions extends SessionSettings {
  modelsDir?: string | undefined;
  signal?: AbortSignal | undefined;
  /** Remake the prepared model files first. */
  fresh?: boolean | undefined;
}

/** Prepares the models when needed (first use) and opens Whisper and Silero VAD. */
export async function loadLocalAsrEngine(options: LoadEngineOptions = {}): Promise<LocalAsrEngine> {
  const modelsDir = options.modelsDir ?? defaultModelsDir();
  await prepareSpeechModels({ modelsDir, signal: options.signal, force: options.fresh });
  const vadFile = readModelManifest(modelsDir).models.find((m) => m.id === SILERO_VAD_ID)?.files[0];
  if (!vadFile) throw new Error(`manifest has no ${SILERO_VAD_ID}`);
  const [whisper, vad] = await Promise.all([
    WhisperWindowDecoder.open(modelsDir, options),
    // The VAD is tiny and runs frame by frame: CPU with one thread beats any GPU round trip.
    openOrtSession(path.join(modelsDir, vadFile.path), { forceCpu: true, threads: 1 }),
  ]);
  return {
    whisper,
    newVad: () => new SileroVad(ort, vad.session),
    provider: whisper.provider,
    providerReason: whisper.providerReason,
    release: async () => {
      await whisper.release();
      await vad.session.release();
    },
  };
}
