import type { SessionSettings } from './open-ort-session.js';
import type { DecodedWindow, DecodeSettings } from './whisper-window-decoder.js';

/** The model the Whisper worker thread is to open. */
export interface WhisperWorkerModel {
  modelsDir: string;
  /** Manifest id of the Whisper model, and the language it is to write. */
  modelId: string;
  language: string;
  settings: Omit<SessionSettings, 'platform'>;
}

export type WhisperWorkerRequest =
  | { type: 'open'; model: WhisperWorkerModel }
  | { type: 'decode'; id: number; pcm: Float32Array; settings: DecodeSettings }
  | { type: 'release' };

export type WhisperWorkerReply =
  | { type: 'opened'; provider: string; reason: string }
  | { type: 'open-failed'; message: string; code?: string | undefined; hint?: string | undefined }
  | { type: 'decoded'; id: number; window: DecodedWindow }
  | { type: 'decode-failed'; id: number; message: string }
  | { type: 'released' };
