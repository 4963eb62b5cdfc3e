import { fileURLToPath } from 'node:url';
import type { Worker } from 'node:worker_threads';
import { UserFacingError } from '@kirinuki/contracts';
import type { ErrorCode } from '@kirinuki/contracts';
import { startWorkerEntry } from '../process/start-worker-entry.js';
import type { SessionSettings } from './open-ort-session.js';
import { WHISPER_MODEL_ID } from './prepare-models.js';
import { readWhisperTokenizer } from './whisper-models.js';
import { localWhisperModel } from './whisper-catalog.js';
import {
  DEFAULT_DECODE,
  type DecodedWindow,
  type DecodeSettings,
  type WindowDecoder,
} from './whisper-window-decoder.js';
import type { WhisperTokenizer } from './whisper-tokenizer.js';
import type {
  WhisperWorkerModel,
  WhisperWorkerReply,
  WhisperWorkerRequest,
} from './whisper-worker-protocol.js';

const ENTRY = fileURLToPath(
  new URL(`./whisper.entry${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url),
);

/** Execution provider the model opened on, and why (said once to the user). */
export interface OpenedOn {
  provider: string;
  reason: string;
}

/**
 * Whisper in a worker thread. Opening the model (~0.3 s) and every decode block the thread that
 * does them, so here they run beside the caller: it reads and VAD-scores the audio while the
 * model opens, and keeps answering pings, progress and cancel while a window decodes.
 */
export class WhisperWorkerDecoder implements WindowDecoder {
  /** Resolves when the model is open; rejects (with the worker's error) when it cannot be. */
  readonly opened: Promise<OpenedOn>;
  private readonly pending = new Map<
    number,
    { resolve: (w: DecodedWindow) => void; reject: (e: Error) => void }
  >();
  private nextId = 1;
  private failure: Error | null = null;
  private released: Promise<void> | null = null;

  #tokenizer: WhisperTokenizer | null = null;

  private constructor(private readonly worker: Worker) {
    this.opened = new Promise<OpenedOn>((resolve, reject) => {
      worker.on('message', (reply: WhisperWorkerReply) => {
        if (reply.type === 'opened') resolve({ provider: reply.provider, reason: reply.reason });
        else if (reply.type === 'open-failed') {
          const error = reply.code
            ? new UserFacingError(
                reply.code as ErrorCode,
                reply.message,
                reply.hint ? { hint: reply.hint } : {},
              )
            : new Error(`Whisper could not be opened: ${reply.message}`);
          this.fail(error);
          reject(error);
        } else if (reply.type === 'decoded' || reply.type === 'decode-failed') {
          const waiting = this.pending.get(reply.id);
          this.pending.delete(reply.id);
          if (reply.type === 'decoded') waiting?.resolve(reply.window);
          else waiting?.reject(new Error(`Whisper decode failed: ${reply.message}`));
        }
      });
      const died = (error: Error) => {
        this.fail(error);
        reject(error);
      };
      worker.on('error', died);
      worker.on('exit', (code) => {
        if (!this.released) died(new Error(`the Whisper worker stopped (exit ${code})`));
      });
    });
    // Callers that only decode learn of an open failure from decode(); never an unhandled one.
    this.opened.catch(() => undefined);
  }

  /**
   * Starts the worker (or takes the one prestartWhisperWorker started) and returns at once; the
   * model opens in the worker meanwhile.
   */
  static async start(
    modelsDir: string,
    settings: SessionSettings = {},
    model: { id: string; language: string } = { id: WHISPER_MODEL_ID, language: 'en' },
  ): Promise<WhisperWorkerDecoder> {
    const entry = localWhisperModel(modelsDir, model.id);
    const open: WhisperWorkerModel = {
      modelsDir,
      modelId: model.id,
      language: model.language,
      settings: { forceCpu: settings.forceCpu, threads: settings.threads },
    };
    const worker = takeSpareWorker() ?? startWorkerEntry(ENTRY, undefined);
    worker.ref();
    // Listening before asking: a spare worker may answer (e.g. "no such file") at once.
    const decoder = new WhisperWorkerDecoder(worker);
    worker.postMessage({ type: 'open', model: open } satisfies WhisperWorkerRequest);
    try {
      decoder.#tokenizer = await readWhisperTokenizer(modelsDir, entry);
      return decoder;
    } catch (error) {
      await decoder.release();
      throw error;
    }
  }

  get tokenizer(): WhisperTokenizer {
    if (!this.#tokenizer) throw new Error('the Whisper tokenizer is read in start()');
    return this.#tokenizer;
  }

  async decode(pcm: Float32Array, settings: DecodeSettings = DEFAULT_DECODE): Promise<DecodedWindow> {
    await this.opened;
    if (this.failure) throw this.failure;
    const id = this.nextId++;
    return new Promise<DecodedWindow>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      const request: WhisperWorkerRequest = { type: 'decode', id, pcm, settings };
      this.worker.postMessage(request);
    });
  }

  release(): Promise<void> {
    this.released ??= (async () => {
      if (!this.failure) {
        const done = new Promise<void>((resolve) =>
          this.worker.on('message', (r: WhisperWorkerReply) => r.type === 'released' && resolve()),
        );
        this.worker.postMessage({ type: 'release' } satisfies WhisperWorkerRequest);
        await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
      }
      await this.worker.terminate();
    })();
    return this.released;
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}

/** A worker started before the model is known; the next WhisperWorkerDecoder.start() takes it. */
let spare: Worker | null = null;

/**
 * Starts a Whisper worker now, so that its ~0.1 s of start-up (a thread, onnxruntime, our code)
 * passes while the caller is still opening the library and hashing the file. It does not keep the
 * process alive while nobody has taken it.
 */
export function prestartWhisperWorker(): void {
  if (spare) return;
  const worker = startWorkerEntry(ENTRY, undefined);
  worker.unref();
  const lost = () => {
    if (spare === worker) spare = null;
  };
  worker.once('error', lost).once('exit', lost);
  spare = worker;
}

/** Whether a prestarted worker is waiting to be taken. */
export const hasSpareWhisperWorker = () => spare !== null;

function takeSpareWorker(): Worker | null {
  const worker = spare;
  spare = null;
  return worker;
}
