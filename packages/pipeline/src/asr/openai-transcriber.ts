import { createReadStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import OpenAI from 'openai';
import { audioDurationSec } from '../audio/audio-duration.js';
import { abortError, UserFacingError } from '@kirinuki/contracts';
import { resolveFfmpegBinaries } from '../ffmpeg/ffmpeg-binaries.js';
import { runFfmpeg } from '../ffmpeg/run-ffmpeg.js';
import { findSilences } from '../audio/find-silences.js';
import { firstAudioTrackArgs } from '../audio/first-audio-track-args.js';
import { segmentsFromOpenAi, type OpenAiVerboseResponse } from './openai-response.js';
import { planUploadChunks } from './plan-upload-chunks.js';
import { mapLimited } from '../concurrency/map-limited.js';
import type { TranscribeProgress, Transcript, TranscriptSegment } from './transcript.js';

export interface OpenAiTranscribeOptions {
  /** From the settings; else OPENAI_API_KEY. */
  apiKey?: string | undefined;
  /** For tests and proxies; default: the OpenAI API. */
  baseURL?: string | undefined;
  model?: 'whisper-1' | 'gpt-4o-transcribe' | 'gpt-4o-mini-transcribe' | undefined;
  language?: string | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((p: TranscribeProgress) => void) | undefined;
  /** Retries on 429/5xx/dropped connections, with the SDK's exponential backoff (honours Retry-After). */
  maxRetries?: number | undefined;
  /** Upload limit per request (the API's is 25 MB). */
  maxUploadBytes?: number | undefined;
  /** Chunks uploaded at once when the audio is over one upload (default 3). */
  concurrency?: number | undefined;
}

/** 32 kb/s mono MP3: speech stays intelligible and 25 MB holds about 100 minutes. */
const UPLOAD_BITRATE = 32_000;

/**
 * Transcribes with OpenAI's API: audio re-encoded small, and split at pauses into chunks under
 * the upload limit.
 */
export async function transcribeWithOpenAi(
  input: string,
  options: OpenAiTranscribeOptions = {},
): Promise<Transcript> {
  const apiKey = options.apiKey || process.env.OPENAI_API_KEY;
  if (!apiKey)
    throw new UserFacingError(
      'ASR_BACKEND_UNAVAILABLE',
      'The openai backend needs an API key; none is set.',
      {
        hint: 'Set OPENAI_API_KEY (or the key in the settings), or use --backend local.',
      },
    );
  const model = options.model ?? 'whisper-1';
  const durationSec = await audioDurationSec(input, options.signal);
  const client = new OpenAI({ apiKey, baseURL: options.baseURL, maxRetries: options.maxRetries ?? 4 });
  const maxBytes = options.maxUploadBytes ?? 24 * 1024 * 1024;
  const chunkSec = Math.max(1, Math.floor(((maxBytes * 8) / UPLOAD_BITRATE) * 0.95));
  const temp = await mkdtemp(path.join(tmpdir(), 'kirinuki-openai-'));
  try {
    const segments: TranscriptSegment[] = [];
    let language = options.language ?? 'en';
    // Over one upload: split at pauses (found in one quick ffmpeg pass), so no word is cut in two.
    const chunks =
      durationSec > chunkSec
        ? planUploadChunks(
            durationSec,
            chunkSec,
            await findSilences(input, { durationSec, signal: options.signal }),
          )
        : [{ start: 0, end: durationSec }];
    // Chunks are independent requests: a few go at once (each one's times are offset by its start).
    let done = 0;
    options.onProgress?.({ fraction: 0, stage: 'uploading to OpenAI', etaSec: null });
    const perChunk = await mapLimited(
      chunks,
      options.concurrency ?? 3,
      async (chunk, i, signal) => {
        const file = path.join(temp, `chunk-${i}.mp3`);
        await runFfmpeg({
          bin: resolveFfmpegBinaries().ffmpeg.path,
          args: [
            ...firstAudioTrackArgs(input, { startSec: chunk.start, endSec: chunk.end }),
            '-ac',
            1,
            '-ar',
            16000,
            '-c:a',
            'libmp3lame',
            '-b:a',
            UPLOAD_BITRATE,
            file,
          ],
          signal,
        });
        if ((await stat(file)).size > maxBytes) throw new Error(`chunk ${i} is over the upload limit`);
        const verbose = model === 'whisper-1';
        const response = (await client.audio.transcriptions.create(
          {
            file: createReadStream(file),
            model,
            response_format: verbose ? 'verbose_json' : 'json',
            ...(verbose ? { timestamp_granularities: ['word', 'segment'] as Array<'word' | 'segment'> } : {}),
            ...(options.language ? { language: options.language } : {}),
          },
          { signal },
        )) as unknown as OpenAiVerboseResponse;
        done += 1;
        options.onProgress?.({ fraction: done / chunks.length, stage: 'uploading to OpenAI', etaSec: null });
        return response;
      },
      options.signal,
    );
    for (const [i, response] of perChunk.entries()) {
      if (response.language) language = response.language === 'english' ? 'en' : response.language;
      const chunk = chunks[i]!;
      segments.push(...segmentsFromOpenAi(response, chunk.start, chunk.end - chunk.start));
    }
    options.onProgress?.({ fraction: 1, stage: 'done', etaSec: 0 });
    return {
      language,
      model,
      backend: 'openai',
      durationSec: Math.round(durationSec * 1000) / 1000,
      segments,
    };
  } catch (error) {
    if (error instanceof OpenAI.APIUserAbortError) throw abortError();
    if (error instanceof OpenAI.APIError && !(error instanceof OpenAI.APIUserAbortError))
      throw new UserFacingError('ASR_BACKEND_UNAVAILABLE', `OpenAI transcription failed: ${error.message}`, {
        cause: error,
        hint: 'Check the API key and your connection, or use --backend local.',
      });
    throw error;
  } finally {
    await rm(temp, { recursive: true, force: true });
  }
}
