import { createWriteStream } from 'node:fs';
import { mkdtemp, open, rm, type FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { audioDurationSec } from '../audio/audio-duration.js';
import { decodePcm16k, PCM_SAMPLE_RATE } from '../audio/decode-pcm.js';
import { throwIfAborted } from '@kirinuki/contracts';
import {
  planWindows,
  splitLongRegions,
  windowRemainder,
  windowToSourceTime,
  type AsrWindow,
} from '../vad/plan-windows.js';
import { decodedExtentSec } from './decoded-extent.js';
import { speechFraction } from './guards.js';
import { speechRegions, VAD_FRAME_SEC } from '../vad/speech-regions.js';
import { loadLocalAsrEngine, type LocalAsrEngine } from './local-asr-engine.js';
import { checkLocalLanguage } from './whisper-catalog.js';
import { AUTO_LANGUAGE } from './whisper-catalog.js';
import { transcribeWithOpenAi, type OpenAiTranscribeOptions } from './openai-transcriber.js';
import { WHISPER_MODEL_ID } from './prepare-models.js';
import type { TranscribeProgress, Transcript, TranscriptSegment } from './transcript.js';
import { DEFAULT_DECODE } from './whisper-window-decoder.js';
import { transcriptFromWindow } from './window-transcript.js';

export interface AsrLogger {
  debug(obj: object, msg?: string): void;
  info?(obj: object, msg?: string): void;
}

export interface TranscribeOptions {
  signal?: AbortSignal | undefined;
  onProgress?: ((p: TranscribeProgress) => void) | undefined;
  /** What the model is to write (default en); one it does not know is refused. */
  language?: string | undefined;
  /** A local Whisper model of the manifest; default the bundled tiny.en. */
  model?: string | undefined;
  threads?: number | undefined;
  forceCpu?: boolean | undefined;
  logger?: AsrLogger | undefined;
  modelsDir?: string | undefined;
  /** A loaded engine to reuse (benchmarks, a long-lived service); else one is loaded and released. */
  engine?: LocalAsrEngine | undefined;
  /** Remake the prepared model files first (when no engine is given). */
  fresh?: boolean | undefined;
  /** Told once which execution provider runs and why. */
  onEngine?: ((info: { provider: string; reason: string }) => void) | undefined;
  /** 'local' (default, offline) or 'openai' (the user's key; see openai-transcriber.ts). */
  backend?: 'local' | 'openai' | undefined;
  openai?: Pick<OpenAiTranscribeOptions, 'apiKey' | 'baseURL' | 'model' | 'maxRetries'> | undefined;
  /** false: no VAD, consecutive 30 s windows (the naive baseline the benchmark compares with). */
  vad?: boolean;
}

/** Audio per decoder call; Whisper's context is 30 s, kept a little under for the end timestamp. */
export const MAX_WINDOW_SEC = 29;
const BYTES_PER_SAMPLE = 4;

/**
 * Transcribes any audio or video file offline with Whisper tiny.en: ffmpeg streams 16 kHz PCM
 * to a temp file while Silero VAD scores it; speech is packed into ≤29 s windows (silence
 * skipped), each decoded with timestamp tokens; words are timed inside their segments.
 */
export async function transcribeFile(input: string, options: TranscribeOptions = {}): Promise<Transcript> {
  if (options.backend === 'openai')
    return transcribeWithOpenAi(input, {
      ...options.openai,
      language: options.language,
      signal: options.signal,
      onProgress: options.onProgress,
    });
  const language = (options.language ?? 'en').toLowerCase();
  const model = options.model ?? WHISPER_MODEL_ID;
  checkLocalLanguage(language, model, options.modelsDir);
  const { signal } = options;
  const started = Date.now();
  const report = (fraction: number, stage: string) => {
    const elapsed = (Date.now() - started) / 1000;
    const etaSec = fraction > 0.05 ? Math.max(0, (elapsed / fraction) * (1 - fraction)) : null;
    options.onProgress?.({ fraction: Math.min(1, fraction), stage, etaSec });
  };
  report(0, 'loading models');
  // The models open (Whisper in its worker) while ffprobe reads the file's length.
  const loading = options.engine
    ? Promise.resolve(options.engine)
    : loadLocalAsrEngine({
        modelsDir: options.modelsDir,
        model,
        language,
        forceCpu: options.forceCpu,
        threads: options.threads,
        fresh: options.fresh,
        signal,
      });
  loading.catch(() => undefined); // awaited after the probe: no unhandled rejection meanwhile
  let durationSec: number;
  try {
    durationSec = await audioDurationSec(input, signal);
  } catch (error) {
    // A file ffprobe cannot read is the error to report; the models are let go unseen.
    if (!options.engine)
      void loading.then(
        (e) => e.release(),
        () => undefined,
      );
    throw error;
  }
  const engine = await loading;
  const tempDir = await mkdtemp(path.join(tmpdir(), 'kirinuki-asr-'));
  try {
    const pcmPath = path.join(tempDir, 'audio.f32');
    const { probs, samples } = await decodeAndScore(input, pcmPath, engine, durationSec, options, (f) =>
      report(0.25 * f, 'decoding audio and detecting speech'),
    );
    const totalSec = samples / PCM_SAMPLE_RATE;
    const windows =
      options.vad === false
        ? fixedWindows(totalSec)
        : planWindows(
            splitLongRegions(speechRegions(probs, totalSec), probs, MAX_WINDOW_SEC),
            MAX_WINDOW_SEC,
          );
    const speechProbAt =
      options.vad === false ? () => 1 : (t: number) => probs[Math.floor(t / VAD_FRAME_SEC)] ?? 0;
    const windowAudio = windows.reduce((s, w) => s + w.durationSec, 0);
    options.logger?.debug({ windows: windows.length, speechSec: windowAudio, totalSec }, 'asr windows');
    // Whisper has been opening in its worker while the audio was read and scored.
    const { provider, reason } = await engine.whisperOpened;
    options.logger?.info?.({ provider, reason }, 'asr execution provider');
    options.onEngine?.({ provider, reason });
    const segments: TranscriptSegment[] = [];
    // `auto`: the model names the language on the first window and keeps to it.
    const written = { language };
    const pcm = await open(pcmPath, 'r');
    try {
      let done = 0;
      for (const window of windows) {
        throwIfAborted(signal);
        report(0.25 + 0.75 * (done / Math.max(1e-9, windowAudio)), 'transcribing');
        segments.push(...(await transcribeWindow(engine, pcm, window, speechProbAt, written, options)));
        done += window.durationSec;
      }
    } finally {
      await pcm.close();
    }
    report(1, 'done');
    return {
      // No speech at all leaves an `auto` language undetermined (BCP 47 "und").
      language: written.language === AUTO_LANGUAGE ? 'und' : written.language,
      model,
      backend: 'local',
      durationSec: round3(durationSec || totalSec),
      segments,
    };
  } finally {
    await rm(tempDir, { recursive: true, force: true });
    if (!options.engine) await engine.release();
  }
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** One pass over the file: PCM to `pcmPath` and a speech probability per 32 ms frame. */
async function decodeAndScore(
  input: string,
  pcmPath: string,
  engine: LocalAsrEngine,
  durationSec: number,
  options: TranscribeOptions,
  onFraction: (f: number) => void,
): Promise<{ probs: Float32Array; samples: number }> {
  const vad = options.vad === false ? null : engine.newVad();
  let probs = new Float32Array(Math.ceil((durationSec * PCM_SAMPLE_RATE) / 512) + 16);
  let frames = 0;
  let samples = 0;
  const push = (values: number[]) => {
    if (frames + values.length > probs.length) {
      const grown = new Float32Array(Math.max(probs.length * 2, frames + values.length));
      grown.set(probs);
      probs = grown;
    }
    probs.set(values, frames);
    frames += values.length;
  };
  const out = createWriteStream(pcmPath);
  try {
    for await (const chunk of decodePcm16k(input, { signal: options.signal, logger: options.logger })) {
      samples += chunk.length;
      if (!out.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength)))
        await new Promise<void>((resolve) => out.once('drain', () => resolve()));
      if (vad) push(await vad.push(chunk));
      if (durationSec > 0) onFraction(Math.min(1, samples / PCM_SAMPLE_RATE / durationSec));
    }
    if (vad) push(await vad.push(new Float32Array(0), true));
  } finally {
    await new Promise<void>((resolve, reject) =>
      out.end((error?: Error | null) => (error ? reject(error) : resolve())),
    );
  }
  return { probs: probs.subarray(0, frames), samples };
}

function fixedWindows(totalSec: number): AsrWindow[] {
  const windows: AsrWindow[] = [];
  for (let t = 0; t < totalSec; t += 30) {
    const end = Math.min(totalSec, t + 30);
    windows.push({ pieces: [{ srcStart: t, srcEnd: end, winStart: 0 }], durationSec: end - t });
  }
  return windows;
}

/**
 * Decodes one window; when the decoder stops early while the VAD still hears speech, decodes
 * the rest again from its last timestamp (Whisper's "seek"), a few times at most.
 */
async function transcribeWindow(
  engine: LocalAsrEngine,
  pcm: FileHandle,
  window: AsrWindow,
  speechProbAt: (t: number) => number,
  written: { language: string },
  { logger, signal }: Pick<TranscribeOptions, 'logger' | 'signal'>,
): Promise<TranscriptSegment[]> {
  const { tokenizer } = engine.whisper;
  const segments: TranscriptSegment[] = [];
  let current = window;
  for (let pass = 0; pass < 6 && current.durationSec >= 1; pass++) {
    throwIfAborted(signal);
    const audio = await readWindow(pcm, current);
    let decoded = await engine.whisper.decode(audio);
    if (decoded.language) written.language = decoded.language;
    const { language } = written;
    let result = transcriptFromWindow(decoded, current, tokenizer, speechProbAt, VAD_FRAME_SEC, { language });
    if (result.rejected.includes('repetition')) {
      // One retry that discourages loops; its result is kept with any n-gram loop collapsed.
      decoded = await engine.whisper.decode(audio, {
        ...DEFAULT_DECODE,
        repetitionPenalty: 1.3,
        numBeams: 4,
      });
      result = transcriptFromWindow(decoded, current, tokenizer, speechProbAt, VAD_FRAME_SEC, {
        rejectRepetition: false,
        language,
      });
    }
    if (result.rejected.length) logger?.debug({ rejected: result.rejected }, 'asr guards dropped text');
    segments.push(...result.segments);
    const extent = decodedExtentSec(decoded.tokens, tokenizer, current.durationSec);
    if (extent < 1 || current.durationSec - extent < 1) break;
    const rest = windowRemainder(current, extent);
    const inRest = (t: number) => speechProbAt(windowToSourceTime(rest, t));
    if (speechFraction(0, rest.durationSec, inRest, VAD_FRAME_SEC) < 0.2) break;
    logger?.debug({ extent, rest: rest.durationSec }, 'asr seek: decoding the rest of the window');
    current = rest;
  }
  return segments;
}

async function readWindow(file: FileHandle, window: AsrWindow): Promise<Float32Array> {
  const total = window.pieces.reduce((s, p) => s + Math.round((p.srcEnd - p.srcStart) * PCM_SAMPLE_RATE), 0);
  const audio = new Float32Array(total);
  let at = 0;
  for (const piece of window.pieces) {
    const first = Math.round(piece.srcStart * PCM_SAMPLE_RATE);
    const count = Math.round((piece.srcEnd - piece.srcStart) * PCM_SAMPLE_RATE);
    const bytes = Buffer.alloc(count * BYTES_PER_SAMPLE);
    const { bytesRead } = await file.read(bytes, 0, bytes.length, first * BYTES_PER_SAMPLE);
    audio.set(new Float32Array(bytes.buffer, bytes.byteOffset, Math.floor(bytesRead / BYTES_PER_SAMPLE)), at);
    at += count;
  }
  return audio;
}
