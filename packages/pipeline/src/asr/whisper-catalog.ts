import { UserFacingError } from '@kirinuki/contracts';
import { defaultModelsDir, readModelManifest, type ModelEntry } from '../models/model-manifest.js';
import { WHISPER_MODEL_ID } from './prepare-models.js';

// Which local Whisper models there are and what they can do, from the manifest alone: no model
// is opened here, so a host can check a setting without loading onnxruntime.

/** The language code that asks a multilingual model to identify the language itself. */
export const AUTO_LANGUAGE = 'auto';
/** The manifest's `format` of Hugging Face Optimum's encoder + merged decoder exports. */
export const SEQ2SEQ_FORMAT = 'onnx-whisper-seq2seq';
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

/** Refuses, before any audio is decoded, a language the chosen local model cannot write. */
export function checkLocalLanguage(
  language = 'en',
  model = WHISPER_MODEL_ID,
  modelsDir = defaultModelsDir(),
): void {
  checkModelLanguage(localWhisperModel(modelsDir, model), language);
}
