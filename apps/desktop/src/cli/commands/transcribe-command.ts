import { UserFacingError } from '@kirinuki/pipeline';
import { WHISPER_MODEL_ID } from '@kirinuki/pipeline/asr/prepare-models';
import { checkLocalLanguage, transcribeFile } from '@kirinuki/pipeline/asr/transcribe-file';
import {
  formatTranscript,
  TRANSCRIPT_FORMATS,
  type TranscriptFormat,
} from '@kirinuki/pipeline/asr/transcript-formats';
import type { Command } from 'commander';
import { defineAction } from '../define-action.js';

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
    checkLocalLanguage(flags.language);
    if (flags.model && flags.model !== WHISPER_MODEL_ID)
      throw new UserFacingError('MODEL_MISSING', `Model "${flags.model}" is not installed.`, {
        hint: `Installed: ${WHISPER_MODEL_ID}. See \`kirinuki models list\`.`,
      });
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
    .description('Transcribe an audio or video file offline, with word timings (English, Whisper tiny.en)')
    .argument('<file>', 'audio (wav, mp3, m4a, flac…) or video file')
    .option('--model <id>', `local: ${WHISPER_MODEL_ID} (default); openai: ${OPENAI_MODELS.join(', ')}`)
    .option(
      '--language <code>',
      'spoken language: en for the offline model (English-only); openai detects it when omitted',
    )
    .option('--backend <name>', 'local (offline) or openai', 'local')
    .option('--format <format>', `output when not --json: ${TRANSCRIPT_FORMATS.join('|')}`, 'txt')
    .option('--fresh', 'remake the prepared model files before transcribing')
    .option('--threads <n>', 'CPU threads for the model (default: all cores)')
    .option('--cpu', 'run on the CPU even when a GPU provider loads')
    .action(
      defineAction(async (ctx, file: string, flags: TranscribeFlags) => {
        const { format, threads, backend, openAiModel } = checkFlags(flags);
        const transcript = await transcribeFile(ctx.userPath(file), {
          signal: ctx.signal,
          language: flags.language,
          backend,
          openai: { model: openAiModel },
          forceCpu: flags.cpu,
          threads,
          fresh: flags.fresh,
          logger: ctx.logger,
          onEngine: ({ provider, reason }) => ctx.progress(`running on ${provider}: ${reason}\n`),
          onProgress: (p) =>
            ctx.progress(
              `${p.stage} ${Math.round(p.fraction * 100)}%${p.etaSec === null ? '' : ` (about ${Math.ceil(p.etaSec)} s left)`}${p.fraction >= 1 ? '\n' : ''}`,
            ),
        });
        return { json: transcript, text: formatTranscript(transcript, format).trimEnd() };
      }),
    );
}
