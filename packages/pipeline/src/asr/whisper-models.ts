import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { UserFacingError } from '../errors/user-facing-error.js';
import { readModelManifest, type ModelEntry } from '../models/model-manifest.js';
import { modelFileMatches } from '../models/verified-model-file.js';
import type { SessionSettings } from './open-ort-session.js';
import { WHISPER_MODEL_ID } from './prepare-models.js';
import {
  AUTO_LANGUAGE,
  Seq2SeqWindowDecoder,
  seq2seqFiles,
  SEQ2SEQ_FORMAT,
} from './whisper-seq2seq-decoder.js';
import {
  createWhisperTokenizer,
  vocabFileFromHfTokenizer,
  type WhisperTokenizer,
} from './whisper-tokenizer.js';
import { readWhisperModel, WhisperWindowDecoder, type WindowDecoder } from './whisper-window-decoder.js';

/** The manifest's `format` of the prepared tiny.en: one graph with ONNX Runtime's BeamSearch. */
export const BEAM_SEARCH_FORMAT = 'ort-whisper-beamsearch';
const FORMATS = [BEAM_SEARCH_FORMAT, SEQ2SEQ_FORMAT];

/** Whether a manifest entry is a Whisper model the local engine runs (a format it knows). */
export const isLocalWhisperModel = (entry: Pick<ModelEntry, 'format'>): boolean =>
  FORMATS.includes(entry.format ?? '');

/** A local Whisper model of the manifest, by id (the bundled tiny.en by default). */
export function localWhisperModel(modelsDir: string, id: string = WHISPER_MODEL_ID): ModelEntry {
  const models = readModelManifest(modelsDir).models.filter(isLocalWhisperModel);
  const entry = models.find((m) => m.id === id);
  if (!entry)
    throw new UserFacingError('MODEL_MISSING', `"${id}" is not a local Whisper model.`, {
      hint: `Use one of: ${models.map((m) => m.id).join(', ')} (\`kirinuki models list\`).`,
    });
  return entry;
}

/** Refuses a language the model cannot write, rather than mistranscribing it. */
export function checkModelLanguage(entry: ModelEntry, language: string): void {
  const languages = entry.languages ?? [];
  if (languages.includes(language.toLowerCase())) return;
  if (language === AUTO_LANGUAGE && isMultilingual(entry)) return;
  const multilingual = isMultilingual(entry);
  throw new UserFacingError(
    'INVALID_ARGUMENT',
    `The offline model ${entry.id} does not transcribe "${language}"${languages.length === 1 ? ` (it is ${languages[0]}-only)` : ''}.`,
    {
      hint: multilingual
        ? `Use one of its languages: ${languages.join(', ')}, or auto to have it identified.`
        : 'Use --language en, download a multilingual model (`kirinuki models download whisper-base`) and pass --model whisper-base, or use --backend openai.',
    },
  );
}

const isMultilingual = (entry: ModelEntry) => (entry.languages?.length ?? 0) > 1;

/** A downloaded model's files must all be there and verify; the hint says how to get them. */
export async function checkModelFiles(
  modelsDir: string,
  entry: ModelEntry,
  signal?: AbortSignal,
): Promise<void> {
  if (entry.format !== SEQ2SEQ_FORMAT) return; // the bundled model is prepared on first use
  for (const file of entry.files) {
    if (!(await modelFileMatches(path.join(modelsDir, file.path), file, { signal })))
      throw new UserFacingError('MODEL_MISSING', `The model ${entry.id} is not downloaded (${file.path}).`, {
        hint: `Run \`kirinuki models download ${entry.id}\` (or the Download button in Settings).`,
      });
  }
}

/** The model's tokenizer, for the thread that turns tokens into words. */
export async function readWhisperTokenizer(modelsDir: string, entry: ModelEntry): Promise<WhisperTokenizer> {
  if (entry.format === SEQ2SEQ_FORMAT) {
    const file = path.join(modelsDir, seq2seqFiles(entry).tokenizer);
    return createWhisperTokenizer(vocabFileFromHfTokenizer(JSON.parse(await readFile(file, 'utf8'))));
  }
  return (await readWhisperModel(modelsDir)).tokenizer;
}

/** A window decoder for the model: the prepared tiny.en graph or a multilingual encoder/decoder pair. */
export async function openWindowDecoder(
  modelsDir: string,
  entry: ModelEntry,
  language: string,
  settings: SessionSettings = {},
): Promise<WindowDecoder & { provider: string; providerReason: string }> {
  checkModelLanguage(entry, language);
  if (entry.format === SEQ2SEQ_FORMAT) return Seq2SeqWindowDecoder.open(modelsDir, entry, language, settings);
  return WhisperWindowDecoder.open(modelsDir, settings);
}
