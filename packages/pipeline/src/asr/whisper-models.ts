import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ModelEntry } from '../models/model-manifest.js';
import { modelFileMatches } from '../models/verified-model-file.js';
import type { SessionSettings } from './open-ort-session.js';
import { UserFacingError } from '@kirinuki/contracts';
import { checkModelLanguage, SEQ2SEQ_FORMAT } from './whisper-catalog.js';
import { Seq2SeqWindowDecoder, seq2seqFiles } from './whisper-seq2seq-decoder.js';
import {
  createWhisperTokenizer,
  vocabFileFromHfTokenizer,
  type WhisperTokenizer,
} from './whisper-tokenizer.js';
import { readWhisperModel, WhisperWindowDecoder, type WindowDecoder } from './whisper-window-decoder.js';

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
