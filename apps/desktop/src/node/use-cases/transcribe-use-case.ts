import { statSync } from 'node:fs';
import path from 'node:path';
import { UserFacingError, type Transcript, type TranscribeSettings } from '@kirinuki/contracts';
import { sha256OfFile } from '@kirinuki/pipeline';
import { checkLocalLanguage } from '@kirinuki/pipeline/asr/whisper-catalog';
import { kindOfEntry } from '@kirinuki/pipeline/probe/validate-media';
import type { HostParts } from '../host/host-parts.js';
import { readSettings } from '../library/settings-repository.js';
import { findVideoById } from '../library/videos-repository.js';
import { callStageService } from '../service-process/progress-stream.js';
import type { TranscribeInput, TranscribeResult } from '../stage-services/transcribe/transcribe-router.js';
import { recordStageResults } from '../stage-handlers/record-stage-result.js';
import { transcribeSettingsOf } from '../stage-handlers/transcribe-handler.js';

export interface TranscribeRequest {
  /** An audio or video file (absolute, or relative to `cwd`), or the id of a video in the library. */
  input: string;
  backend?: TranscribeSettings['backend'] | undefined;
  model?: string | undefined;
  language?: string | undefined;
  fresh?: boolean | undefined;
  /** CPU threads for the model (default: the setting, else all cores). */
  threads?: number | undefined;
  /** Run on the CPU even when a GPU provider loads. */
  cpu?: boolean | undefined;
}

/**
 * Transcribes a library video or any file, in the transcribe service. The result is stored under
 * the content's hash and the settings, so a rerun is a cache hit; a library video's transcript is
 * announced once (TranscriptReady).
 */
export function createTranscribe(parts: HostParts) {
  const { library } = parts;
  return async (
    request: TranscribeRequest,
    options: {
      cwd?: string;
      signal?: AbortSignal;
      /** `etaSec` is the transcriber's own estimate (from the audio's length), when it has one. */
      onProgress?: (fraction: number, stage: string, etaSec?: number | null) => void;
      /** Told once which execution provider runs the model, and why. */
      onNote?: (text: string) => void;
    } = {},
  ): Promise<Transcript> => {
    // The service boots (Whisper's worker with it) while the library is read and the file hashed.
    void parts.stageHost.supervisor.connect('transcribe').catch(() => undefined);
    const settings = await readSettings(library.db);
    const video = await findVideoById(library.db, request.input);
    const file = video ? video.path : path.resolve(options.cwd ?? '', request.input);
    if (!video) {
      const entry = statSync(file, { throwIfNoEntry: false });
      if (!entry)
        throw new UserFacingError(
          'FILE_NOT_FOUND',
          `${request.input} is neither a video id in the library nor a file.`,
          {
            hint: 'Give a path to an audio or video file, or an id from `kirinuki library list`.',
          },
        );
      if (!entry.isFile())
        throw new UserFacingError(
          'NOT_A_FILE',
          `${request.input} is ${kindOfEntry(entry)}, not an audio or video file.`,
          {
            hint: 'Give the path of one audio or video file (wav, mp3, m4a, flac, mp4…).',
          },
        );
    }
    const transcribeSettings = transcribeSettingsOf(settings, {
      ...(request.backend ? { backend: request.backend } : {}),
      ...(request.model ? { model: request.model } : {}),
      ...(request.language ? { language: request.language } : {}),
    });
    if (transcribeSettings.backend === 'local')
      checkLocalLanguage(transcribeSettings.language, transcribeSettings.model);
    const input: TranscribeInput = {
      libraryDir: library.dir,
      target: video
        ? { sha256: video.sha256, path: video.path, scope: 'video' }
        : { sha256: await sha256OfFile(file, { signal: options.signal }), path: file, scope: 'file' },
      settings: transcribeSettings,
      threads: request.threads ?? (settings.threads || undefined),
      forceCpu: request.cpu ?? settings.forceCpu,
      fresh: request.fresh ?? false,
      openaiApiKey: parts.secrets.get('openaiApiKey'),
    };
    const result = await callStageService<TranscribeInput, TranscribeResult>(
      (i, o) => parts.stageHost.clients.transcribe.transcribe.subscribe(i, o),
      input,
      {
        signal: options.signal ?? new AbortController().signal,
        jobId: `transcribe-${input.target.sha256.slice(0, 12)}`,
        reportProgress: (fraction, detail, etaSec) => options.onProgress?.(fraction, detail ?? '', etaSec),
        onNote: options.onNote,
      },
    );
    if (video) await recordStageResults(library, video, [result.notice]);
    const transcript = await parts.store.read<Transcript>(result.transcriptFile);
    if (!transcript)
      throw new UserFacingError('INTERNAL', `The transcript ${result.transcriptFile} could not be read.`);
    return transcript;
  };
}
