import { readFile } from 'node:fs/promises';
import path from 'node:path';
import ort from 'onnxruntime-node';
import { logMelSpectrogram, N_FRAMES } from '../audio/log-mel.js';
import { UserFacingError } from '@kirinuki/contracts';
import type { ModelEntry } from '../models/model-manifest.js';
import { withOnlyGraphOutputs } from './onnx-proto.js';
import { openOrtSession, type SessionSettings } from './open-ort-session.js';
import { chooseNextToken, type LogitRules } from './whisper-logit-rules.js';
import {
  createWhisperTokenizer,
  vocabFileFromHfTokenizer,
  type WhisperTokenizer,
} from './whisper-tokenizer.js';
import type { DecodedWindow, DecodeSettings, WindowDecoder } from './whisper-window-decoder.js';
import { DEFAULT_DECODE } from './whisper-window-decoder.js';
import { AUTO_LANGUAGE } from './whisper-catalog.js';

/** The encoder output the decoder attends to (its attention weights, when exported too, are not fetched). */
const ENCODER_OUTPUT = 'last_hidden_state';

/** Which downloaded file is which, in a seq2seq model's manifest entry. */
export interface Seq2SeqFiles {
  encoder: string;
  decoder: string;
  tokenizer: string;
  config: string;
  generationConfig: string;
}

/** What the decoder needs of config.json and generation_config.json. */
export interface Seq2SeqConfig {
  nMels: number;
  heads: number;
  headDim: number;
  suppress: number[];
  beginSuppress: number[];
  /** Prompt plus written tokens (Whisper's text context). */
  maxTarget: number;
}

/** The subset of an onnxruntime session used here (a fake one in tests). */
export type Session = Pick<ort.InferenceSession, 'run' | 'inputNames' | 'outputNames' | 'release'>;

export function seq2seqFiles(entry: ModelEntry): Seq2SeqFiles {
  const files: Partial<Seq2SeqFiles> | undefined = entry.whisper;
  const keys = ['encoder', 'decoder', 'tokenizer', 'config', 'generationConfig'] as const;
  if (!files || keys.some((k) => typeof files[k] !== 'string'))
    throw new Error(`manifest entry ${entry.id} does not name its encoder, decoder, tokenizer and configs`);
  return files as Seq2SeqFiles;
}

export function parseSeq2SeqConfig(config: unknown, generation: unknown): Seq2SeqConfig {
  const c = config as Record<string, unknown>;
  const g = generation as Record<string, unknown>;
  const int = (v: unknown, what: string) => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0) throw new Error(`config.json: bad ${what}`);
    return v;
  };
  const ids = (v: unknown) => (Array.isArray(v) ? v.filter((x): x is number => Number.isInteger(x)) : []);
  const dModel = int(c.d_model, 'd_model');
  const heads = int(c.decoder_attention_heads, 'decoder_attention_heads');
  if (dModel % heads !== 0) throw new Error('config.json: d_model is not a multiple of the heads');
  return {
    nMels: int(c.num_mel_bins, 'num_mel_bins'),
    heads,
    headDim: dModel / heads,
    suppress: ids(g.suppress_tokens),
    beginSuppress: ids(g.begin_suppress_tokens),
    maxTarget: typeof c.max_target_positions === 'number' ? c.max_target_positions : 448,
  };
}

/**
 * A multilingual Whisper in the layout of Hugging Face's Optimum export (the `onnx-community`
 * models transformers.js runs): `encoder_model` takes the log-mel (computed here) and gives the
 * audio states; `decoder_model_merged` writes one token per call, its self-attention cache fed
 * back, the cross-attention cache of the first call kept (later calls return placeholders for it).
 * Decoding is greedy under Whisper's timestamp rules, with the language and task in the prompt.
 */
export class Seq2SeqWindowDecoder implements WindowDecoder {
  private readonly layers: number;
  /**
   * What each decoder call asks for. Exports made for transformers.js also output every layer's
   * attention weights (the encoder's alone are ~430 MB a window for base and took half its
   * time to hand over); only the logits and the caches are fetched, and after the first call
   * only the self-attention cache (the cross-attention one is then a placeholder).
   */
  private readonly fetchFirst: string[];
  private readonly fetchNext: string[];
  /** The task prompt; null until the language is known (`auto` detects it on the first window). */
  private prompt: number[] | null = null;
  private language: string | null = null;

  constructor(
    private readonly encoder: Session,
    private readonly decoder: Session,
    readonly tokenizer: WhisperTokenizer,
    private readonly config: Seq2SeqConfig,
    language: string,
    readonly provider = 'cpu',
    readonly providerReason = '',
  ) {
    const names = new Set(decoder.inputNames);
    const missing = ['input_ids', 'encoder_hidden_states', 'use_cache_branch'].filter((n) => !names.has(n));
    this.layers = decoder.inputNames.filter((n) => /^past_key_values\.\d+\.decoder\.key$/.test(n)).length;
    const layerOutputs = (part: string) =>
      Array.from({ length: this.layers }, (_, i) => [
        `present.${i}.${part}.key`,
        `present.${i}.${part}.value`,
      ]).flat();
    this.fetchNext = ['logits', ...layerOutputs('decoder')];
    this.fetchFirst = [...this.fetchNext, ...layerOutputs('encoder')];
    const outputs = new Set(decoder.outputNames);
    missing.push(...this.fetchFirst.filter((n) => !outputs.has(n)));
    if (!encoder.inputNames.includes('input_features')) missing.push('encoder input_features');
    if (!encoder.outputNames.includes(ENCODER_OUTPUT)) missing.push(`encoder ${ENCODER_OUTPUT}`);
    if (missing.length || this.layers === 0)
      throw new Error(
        `not a Whisper encoder/merged-decoder export (lacks ${missing.join(', ') || 'past_key_values'})`,
      );
    const { languages, transcribe } = tokenizer.special;
    if (transcribe === null || languages.size === 0)
      throw new Error('the tokenizer has no task and language tokens: not a multilingual Whisper');
    if (language !== AUTO_LANGUAGE) this.useLanguage(language);
  }

  private useLanguage(language: string): void {
    const { startOfTranscript, transcribe, timestampBegin, languages } = this.tokenizer.special;
    const lang = languages.get(language);
    if (lang === undefined)
      throw new UserFacingError('INVALID_ARGUMENT', `This model does not know the language "${language}".`, {
        hint: `Use one of: ${[...languages.keys()].join(', ')}, or auto.`,
      });
    // <|0.00|> closes the prompt, so the first segment starts at the window's start.
    this.prompt = [startOfTranscript, lang, transcribe!, timestampBegin];
    this.language = language;
  }

  /** Whisper's language identification: the likeliest language token after <|startoftranscript|>. */
  private async detectLanguage(audio: ort.Tensor, past: Record<string, ort.Tensor>): Promise<string> {
    const { startOfTranscript, languages } = this.tokenizer.special;
    const { logits } = await this.runDecoder([startOfTranscript], audio, past, false, ['logits']);
    let best: [string, number] = ['en', -Infinity];
    for (const [code, id] of languages) if (logits[id]! > best[1]) best = [code, logits[id]!];
    return best[0];
  }

  /** One decoder call: `ids` after the caches in `past`; the logits of the last position. */
  private async runDecoder(
    ids: readonly number[],
    audio: ort.Tensor,
    past: Record<string, ort.Tensor>,
    cached: boolean,
    fetch: readonly string[],
  ): Promise<{ out: Record<string, ort.Tensor>; logits: Float32Array }> {
    const out = await this.decoder.run(
      {
        input_ids: new ort.Tensor('int64', BigInt64Array.from(ids.map(BigInt)), [1, ids.length]),
        encoder_hidden_states: audio,
        use_cache_branch: new ort.Tensor('bool', Uint8Array.from([cached ? 1 : 0]), [1]),
        ...past,
      },
      fetch,
    );
    const logits = out.logits;
    if (!logits) throw new Error('the decoder returned no logits');
    const vocab = logits.dims.at(-1)!;
    const rows = logits.dims.at(-2)!;
    return { out, logits: (logits.data as Float32Array).subarray((rows - 1) * vocab, rows * vocab) };
  }

  static async open(
    modelsDir: string,
    entry: ModelEntry,
    language: string,
    settings: SessionSettings = {},
  ): Promise<Seq2SeqWindowDecoder> {
    const files = seq2seqFiles(entry);
    const full = (p: string) => path.join(modelsDir, p);
    const json = async (p: string) => JSON.parse(await readFile(full(p), 'utf8')) as unknown;
    const config = parseSeq2SeqConfig(await json(files.config), await json(files.generationConfig));
    const tokenizer = createWhisperTokenizer(vocabFileFromHfTokenizer(await json(files.tokenizer)));
    // Only the audio states stay an output of the encoder (see withOnlyGraphOutputs).
    const encoder = await openOrtSession(
      {
        source: full(files.encoder),
        variant: ENCODER_OUTPUT,
        bytes: async () => withOnlyGraphOutputs(await readFile(full(files.encoder)), [ENCODER_OUTPUT]),
      },
      settings,
    );
    let decoder;
    try {
      decoder = await openOrtSession(full(files.decoder), {
        ...settings,
        forceCpu: encoder.provider === 'cpu',
      });
    } catch (error) {
      await encoder.session.release();
      throw error;
    }
    try {
      return new Seq2SeqWindowDecoder(
        encoder.session,
        decoder.session,
        tokenizer,
        config,
        language,
        encoder.provider,
        encoder.reason,
      );
    } catch (error) {
      // Not the layout expected, or a language it lacks: nothing stays open.
      await Promise.all([encoder.session.release(), decoder.session.release()]);
      throw error;
    }
  }

  async decode(pcm: Float32Array, settings: DecodeSettings = DEFAULT_DECODE): Promise<DecodedWindow> {
    const { nMels, heads, headDim } = this.config;
    const features = new ort.Tensor('float32', logMelSpectrogram(pcm, nMels), [1, nMels, N_FRAMES]);
    const encoded = await this.encoder.run({ input_features: features }, [ENCODER_OUTPUT]);
    const audio = encoded[ENCODER_OUTPUT];
    if (!audio) throw new Error('the encoder returned nothing');

    const empty = new ort.Tensor('float32', new Float32Array(0), [1, heads, 0, headDim]);
    const past: Record<string, ort.Tensor> = {};
    for (let i = 0; i < this.layers; i++)
      for (const part of ['decoder', 'encoder'])
        for (const kv of ['key', 'value']) past[`past_key_values.${i}.${part}.${kv}`] = empty;

    if (!this.prompt) this.useLanguage(await this.detectLanguage(audio, past));
    const prompt = this.prompt!;
    const rules: LogitRules = {
      tokenizer: this.tokenizer,
      suppress: this.config.suppress,
      beginSuppress: this.config.beginSuppress,
      repetitionPenalty: settings.repetitionPenalty,
    };
    const { endOfText } = this.tokenizer.special;
    const limit = Math.min(settings.maxLength, this.config.maxTarget - prompt.length);
    const sampled = [prompt.at(-1)!];
    let input = prompt;
    let logprobs = 0;
    for (let step = 0; step < limit; step++) {
      const { out, logits: last } = await this.runDecoder(
        input,
        audio,
        past,
        step > 0,
        step === 0 ? this.fetchFirst : this.fetchNext,
      );
      for (let i = 0; i < this.layers; i++)
        for (const kv of ['key', 'value']) {
          past[`past_key_values.${i}.decoder.${kv}`] = out[`present.${i}.decoder.${kv}`]!;
          // Only the first call computes the audio's cross-attention cache; later ones echo a placeholder.
          if (step === 0) past[`past_key_values.${i}.encoder.${kv}`] = out[`present.${i}.encoder.${kv}`]!;
        }
      const next = chooseNextToken(last, sampled, rules, step === 0);
      sampled.push(next.id);
      logprobs += next.logprob;
      if (next.id === endOfText) break;
      input = [next.id];
    }
    const written = sampled.length - 1;
    return {
      tokens: [...prompt.slice(0, -1), ...sampled],
      probability: Math.exp(logprobs / Math.max(1, written)),
      language: this.language!,
    };
  }

  async release(): Promise<void> {
    await Promise.all([this.encoder.release(), this.decoder.release()]);
  }
}
