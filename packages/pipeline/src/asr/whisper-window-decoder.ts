import { readFile } from 'node:fs/promises';
import path from 'node:path';
import ort from 'onnxruntime-node';
import { readModelManifest } from '../models/model-manifest.js';
import { openOrtSession, type SessionSettings } from './open-ort-session.js';
import { WHISPER_MODEL_ID } from './prepare-models.js';
import { createWhisperTokenizer, type WhisperTokenizer, type WhisperVocabFile } from './whisper-tokenizer.js';
import { ADDED_INPUTS, SEQUENCE_SCORES } from './whisper-model-surgery.js';

export interface DecodeSettings {
  numBeams: number;
  repetitionPenalty: number;
  /** Decoder steps; Whisper's text context is 448, half of it per window as Whisper itself does. */
  maxLength: number;
}

/**
 * Greedy, as Whisper itself decodes at temperature 0: on the eval set two beams gave the same
 * words (WER 5.61 % both) at ~15 % more time; the repetition retry still searches 4 beams.
 */
export const DEFAULT_DECODE: DecodeSettings = { numBeams: 1, repetitionPenalty: 1, maxLength: 224 };

export interface DecodedWindow {
  tokens: number[];
  /**
   * exp(length-normalised sequence log-probability): the geometric mean probability of the
   * chosen tokens. BeamSearch gives no per-token scores, so this is also each word's probability.
   */
  probability: number;
  /** The language written (a multilingual model asked for `auto` says what it identified). */
  language?: string;
}

/** The model file of Whisper tiny.en and the tokenizer made from its vocabulary. */
export async function readWhisperModel(
  modelsDir: string,
): Promise<{ modelPath: string; tokenizer: WhisperTokenizer }> {
  const entry = readModelManifest(modelsDir).models.find((m) => m.id === WHISPER_MODEL_ID);
  const [onnxFile, vocabFile] = entry?.files ?? [];
  if (!onnxFile || !vocabFile) throw new Error(`manifest has no ${WHISPER_MODEL_ID} files`);
  const vocab = JSON.parse(await readFile(path.join(modelsDir, vocabFile.path), 'utf8')) as WhisperVocabFile;
  return { modelPath: path.join(modelsDir, onnxFile.path), tokenizer: createWhisperTokenizer(vocab) };
}

/** What transcription needs of a Whisper decoder, in this thread or in a worker. */
export interface WindowDecoder {
  readonly tokenizer: WhisperTokenizer;
  decode(pcm: Float32Array, settings?: DecodeSettings): Promise<DecodedWindow>;
  release(): Promise<void>;
}

/** Whisper tiny.en (prepared all-in-one graph) decoding one ≤30 s window of 16 kHz audio per call. */
export class WhisperWindowDecoder implements WindowDecoder {
  private constructor(
    private readonly session: ort.InferenceSession,
    readonly tokenizer: WhisperTokenizer,
    readonly provider: string,
    readonly providerReason: string,
    private readonly vocabMask: ort.Tensor,
  ) {}

  /** `graph`: other bytes of the prepared graph to run instead (the benchmark's baseline). */
  static async open(
    modelsDir: string,
    settings: SessionSettings = {},
    graph?: Uint8Array,
  ): Promise<WhisperWindowDecoder> {
    const { modelPath, tokenizer } = await readWhisperModel(modelsDir);
    const opened = await openOrtSession(graph ?? modelPath, settings);
    const mask = new Int32Array(tokenizer.vocabSize).fill(1);
    // Masking <|notimestamps|> makes the decoder write timestamp tokens; <|nocaptions|> and the
    // task tokens never belong in English transcripts.
    for (const id of [tokenizer.special.noTimestamps, tokenizer.special.noSpeech]) mask[id] = 0;
    return new WhisperWindowDecoder(
      opened.session,
      tokenizer,
      opened.provider,
      opened.reason,
      new ort.Tensor('int32', mask, [mask.length]),
    );
  }

  async decode(pcm: Float32Array, settings: DecodeSettings = DEFAULT_DECODE): Promise<DecodedWindow> {
    const { startOfTranscript, timestampBegin } = this.tokenizer.special;
    // Forcing <|0.00|> after <|startoftranscript|> anchors the first segment at the window start.
    const prompt = Int32Array.from([startOfTranscript, timestampBegin]);
    const i32 = (v: number) => new ort.Tensor('int32', Int32Array.from([v]), [1]);
    const f32 = (v: number) => new ort.Tensor('float32', Float32Array.from([v]), [1]);
    const out = await this.session.run({
      audio_pcm: new ort.Tensor('float32', pcm, [1, pcm.length]),
      max_length: i32(settings.maxLength),
      min_length: i32(0),
      num_beams: i32(settings.numBeams),
      num_return_sequences: i32(1),
      length_penalty: f32(1),
      repetition_penalty: f32(settings.repetitionPenalty),
      [ADDED_INPUTS.vocabMask]: this.vocabMask,
      [ADDED_INPUTS.decoderInputIds]: new ort.Tensor('int32', prompt, [1, prompt.length]),
    });
    const tokens = Array.from(out.sequences!.data as Int32Array);
    const score = (out[SEQUENCE_SCORES]?.data as Float32Array | undefined)?.[0] ?? 0;
    return { tokens, probability: Math.exp(score) };
  }

  release(): Promise<void> {
    return this.session.release();
  }
}
