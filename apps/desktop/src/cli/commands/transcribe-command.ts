import { UserFacingError } from '@kirinuki/contracts';
import { WHISPER_MODEL_ID } from '@kirinuki/pipeline/asr/prepare-models';
import {
  formatTranscript,
  TRANSCRIPT_FORMATS,
  type TranscriptFormat,
} from '@kirinuki/pipeline/asr/transcript-formats';
import { localWhisperModel } from '@kirinuki/pipeline/asr/whisper-catalog';
import { defaultModelsDir } from '@kirinuki/pipeline/models/model-manifest';
import type { Command } from 'commander';
import { defineAction } from '../define-action.js';
import { progressLine } from '../format.js';
import { withHost } from '../with-host.js';
import { etaReporter } from '../eta-reporter.js';

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
        return withHost(ctx, async (host) => {
          // A library video (by id) or any file: either way the result is stored under its content
          // hash and these settings, so a rerun is a cache hit (and writes no second event).
          const transcript = await host.transcribe(
            {
              input,
              backend,
              model: backend === 'openai' ? (openAiModel ?? 'whisper-1') : flags.model,
              language: flags.language,
              fresh: flags.fresh,
              threads,
              cpu: flags.cpu,
            },
            {
              cwd: ctx.cwd,
              signal: ctx.signal,
              onNote: (text) => ctx.progress(`${text}\n`),
              onProgress: etaReporter((line) => ctx.progress(line), progressLine),
            },
          );
          ctx.progressDone();
          return { json: transcript, text: formatTranscript(transcript, format).trimEnd() };
        });
      }),
    );
}
