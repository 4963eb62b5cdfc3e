import { statSync } from 'node:fs';
import { sha256OfFile, UserFacingError } from '@kirinuki/pipeline';
import { WHISPER_MODEL_ID } from '@kirinuki/pipeline/asr/prepare-models';
import { checkLocalLanguage } from '@kirinuki/pipeline/asr/transcribe-file';
import type { TranscribeProgress } from '@kirinuki/pipeline/asr/transcript';
import { localWhisperModel } from '@kirinuki/pipeline/asr/whisper-models';
import { prestartWhisperWorker } from '@kirinuki/pipeline/asr/whisper-worker-decoder';
import { kindOfEntry } from '@kirinuki/pipeline/probe/validate-media';
import { defaultModelsDir } from '@kirinuki/pipeline/models/model-manifest';
import {
  formatTranscript,
  TRANSCRIPT_FORMATS,
  type TranscriptFormat,
} from '@kirinuki/pipeline/asr/transcript-formats';
import type { Command } from 'commander';
import { findVideoById } from '../../node/library/videos-repository.js';
import { librarySecretStore } from '../../node/secrets/secret-store.js';
import { transcribeForLibrary } from '../../node/stages/transcribe-stage.js';
import { defineAction } from '../define-action.js';
import { progressLine } from '../format.js';
import { withLibrary } from '../with-library.js';

interface TranscribeFlags {
  model?: string;
  language?: string;
  backend: string;
  format: string;
  fresh?: boolean;
  threads?: string;
  cpu?: boolean;
}

const OPENAI_MODELS = ['whisper-1', 'gpt-4o-transcribe', 'gpt-4o-mini-transcribe'] as const;
type OpenAiModel = (typeof OPENAI_MODELS)[number];

function checkFlags(flags: TranscribeFlags): {
  format: TranscriptFormat;
  threads: number | undefined;
  backend: 'local' | 'openai';
  openAiModel: OpenAiModel | undefined;
} {
  if (flags.backend !== 'local' && flags.backend !== 'openai')
    throw new UserFacingError('INVALID_ARGUMENT', `Unknown backend "${flags.backend}".`, {
      hint: 'Use --backend local or --backend openai.',
    });
  let openAiModel: OpenAiModel | undefined;
  if (flags.backend === 'openai') {
    const model = flags.model ?? 'whisper-1';
    if (!OPENAI_MODELS.includes(model as OpenAiModel))
      throw new UserFacingError('INVALID_ARGUMENT', `"${model}" is not an OpenAI transcription model.`, {
        hint: `Use --model ${OPENAI_MODELS.join(' | ')} with --backend openai.`,
      });
    openAiModel = model as OpenAiModel;
  } else {
    // An unknown model is refused here (the language once the settings' defaults are known); a
    // model not yet downloaded says how to get it when the transcription starts.
    if (flags.model) localWhisperModel(defaultModelsDir(), flags.model);
  }
  if (!TRANSCRIPT_FORMATS.includes(flags.format as TranscriptFormat))
    throw new UserFacingError('INVALID_ARGUMENT', `Unknown format "${flags.format}".`, {
      hint: `Use one of: ${TRANSCRIPT_FORMATS.join(', ')}.`,
    });
  const threads = flags.threads === undefined ? undefined : Number(flags.threads);
  if (threads !== undefined && !(Number.isInteger(threads) && threads > 0))
    throw new UserFacingError(
      'INVALID_ARGUMENT',
      `--threads must be a positive whole number, not "${flags.threads}".`,
    );
  return { format: flags.format as TranscriptFormat, threads, backend: flags.backend, openAiModel };
}

export function registerTranscribeCommand(program: Command): void {
  program
    .command('transcribe')
    .description(
      'Transcribe an audio or video file offline, with word timings (English with the bundled Whisper tiny.en; 99 languages with a downloaded multilingual model)',
    )
    .argument('<file|video-id>', 'audio (wav, mp3, m4a, flac…) or video file, or a video id from the library')
    .option(
      '--model <id>',
      `local: ${WHISPER_MODEL_ID} (default, English) or a downloaded whisper-base | whisper-small | whisper-large-v3-turbo; openai: ${OPENAI_MODELS.join(', ')}`,
    )
    .option(
      '--language <code>',
      'spoken language (default: the setting, en): ja, de… or auto need a multilingual model; openai detects it when omitted',
    )
    .option('--backend <name>', 'local (offline) or openai', 'local')
    .option('--format <format>', `output when not --json: ${TRANSCRIPT_FORMATS.join('|')}`, 'txt')
    .option('--fresh', 'transcribe again instead of reusing the stored transcript')
    .option('--threads <n>', 'CPU threads for the model (default: all cores)')
    .option('--cpu', 'run on the CPU even when a GPU provider loads')
    .action(
      defineAction(async (ctx, input: string, flags: TranscribeFlags) => {
        const { format, threads, backend, openAiModel } = checkFlags(flags);
        // Whisper's worker starts now, while the library opens and the file is hashed.
        if (backend === 'local') prestartWhisperWorker();
        const onEngine = ({ provider, reason }: { provider: string; reason: string }) =>
          ctx.progress(`running on ${provider}: ${reason}\n`);
        const onProgress = (p: TranscribeProgress) =>
          ctx.progress(progressLine(p.stage, p) + (p.fraction >= 1 ? '\n' : ''));
        return withLibrary(ctx, async ({ library, settings }) => {
          // A library video (by id) or any file: either way the result is stored under its content
          // hash and these settings, so a rerun is a cache hit (and writes no second event).
          const video = await findVideoById(library.db, input);
          const file = video ? video.path : ctx.userPath(input);
          if (!video) {
            const entry = statSync(file, { throwIfNoEntry: false });
            if (!entry) {
              throw new UserFacingError(
                'FILE_NOT_FOUND',
                `${input} is neither a video id in the library nor a file.`,
                {
                  hint: 'Give a path to an audio or video file, or an id from `kirinuki library list`.',
                },
              );
            }
            if (!entry.isFile()) {
              throw new UserFacingError(
                'NOT_A_FILE',
                `${input} is ${kindOfEntry(entry)}, not an audio or video file.`,
                { hint: 'Give the path of one audio or video file (wav, mp3, m4a, flac, mp4…).' },
              );
            }
          }
          const target = video
            ? {
                videoId: video.id,
                sha256: video.sha256,
                path: video.path,
                stableAtMs: Date.parse(video.createdAt),
              }
            : {
                videoId: null,
                sha256: await sha256OfFile(file, { signal: ctx.signal }),
                path: file,
                stableAtMs: 0,
              };
          const transcribeSettings = {
            backend,
            model: backend === 'openai' ? (openAiModel ?? 'whisper-1') : (flags.model ?? settings.asrModel),
            language: flags.language ?? settings.asrLanguage,
          };
          if (backend === 'local') checkLocalLanguage(transcribeSettings.language, transcribeSettings.model);
          const { result } = await transcribeForLibrary(library, target, transcribeSettings, {
            signal: ctx.signal,
            logger: ctx.logger,
            fresh: flags.fresh,
            threads: threads ?? (settings.threads || undefined),
            forceCpu: flags.cpu ?? settings.forceCpu,
            openaiApiKey: librarySecretStore(library.dir).get('openaiApiKey'),
            onEngine,
            onProgress,
          });
          ctx.progressDone();
          return { json: result, text: formatTranscript(result, format).trimEnd() };
        });
      }),
    );
}
