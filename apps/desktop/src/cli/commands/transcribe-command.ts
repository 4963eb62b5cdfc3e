import { UserFacingError } from '@kirinuki/pipeline';
import { loadLocalAsrEngine } from '@kirinuki/pipeline/asr/local-asr-engine';
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

function checkFlags(flags: TranscribeFlags): { format: TranscriptFormat; threads: number | undefined } {
  if (flags.backend === 'openai')
    throw new UserFacingError(
      'ASR_BACKEND_UNAVAILABLE',
      'The openai transcription backend is not built yet.',
      {
        hint: 'Use --backend local (offline, the default).',
      },
    );
  if (flags.backend !== 'local')
    throw new UserFacingError('INVALID_ARGUMENT', `Unknown backend "${flags.backend}".`, {
      hint: 'Use --backend local or --backend openai.',
    });
  checkLocalLanguage(flags.language);
  if (flags.model && flags.model !== WHISPER_MODEL_ID)
    throw new UserFacingError('MODEL_MISSING', `Model "${flags.model}" is not installed.`, {
      hint: `Installed: ${WHISPER_MODEL_ID}. See \`kirinuki models list\`.`,
    });
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
  return { format: flags.format as TranscriptFormat, threads };
}

export function registerTranscribeCommand(program: Command): void {
  program
    .command('transcribe')
    .description('Transcribe an audio or video file offline, with word timings (English, Whisper tiny.en)')
    .argument('<file>', 'audio (wav, mp3, m4a, flac…) or video file')
    .option('--model <id>', 'model id from `kirinuki models list`', WHISPER_MODEL_ID)
    .option('--language <code>', 'spoken language (the offline model is English-only)', 'en')
    .option('--backend <name>', 'local (offline) or openai', 'local')
    .option('--format <format>', `output when not --json: ${TRANSCRIPT_FORMATS.join('|')}`, 'txt')
    .option('--fresh', 'remake the prepared model files before transcribing')
    .option('--threads <n>', 'CPU threads for the model (default: all cores)')
    .option('--cpu', 'run on the CPU even when a GPU provider loads')
    .action(
      defineAction(async (ctx, file: string, flags: TranscribeFlags) => {
        const { format, threads } = checkFlags(flags);
        const engine = await loadLocalAsrEngine({
          forceCpu: flags.cpu,
          threads,
          fresh: flags.fresh,
          signal: ctx.signal,
        });
        ctx.logger.info(
          { provider: engine.provider, reason: engine.providerReason },
          'asr execution provider',
        );
        try {
          const transcript = await transcribeFile(ctx.userPath(file), {
            signal: ctx.signal,
            language: flags.language,
            engine,
            logger: ctx.logger,
            onProgress: (p) =>
              ctx.progress(
                `${p.stage} ${Math.round(p.fraction * 100)}%${p.etaSec === null ? '' : ` (about ${Math.ceil(p.etaSec)} s left)`}${p.fraction >= 1 ? '\n' : ''}`,
              ),
          });
          return { json: transcript, text: formatTranscript(transcript, format).trimEnd() };
        } finally {
          await engine.release();
        }
      }),
    );
}
