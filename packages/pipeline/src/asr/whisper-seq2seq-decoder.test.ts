import ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { multilingualTestTokenizer } from '../test-support/asr/test-tokenizer.js';
import { parseSeq2SeqConfig, Seq2SeqWindowDecoder, type Session } from './whisper-seq2seq-decoder.js';

const tokenizer = multilingualTestTokenizer();
const T = (sec: number) => 17 + Math.round(sec / 0.02);
const V = 17 + 1501;
const [H, D, LAYERS] = [2, 4, 2];
const config = parseSeq2SeqConfig(
  { d_model: H * D, decoder_attention_heads: H, num_mel_bins: 80, max_target_positions: 448 },
  { suppress_tokens: [], begin_suppress_tokens: [6] },
);

const decoderInputs = [
  'input_ids',
  'encoder_hidden_states',
  ...Array.from({ length: LAYERS }, (_, i) =>
    ['decoder.key', 'decoder.value', 'encoder.key', 'encoder.value'].map((k) => `past_key_values.${i}.${k}`),
  ).flat(),
  'use_cache_branch',
];

const presentOutputs = Array.from({ length: LAYERS }, (_, i) =>
  ['decoder.key', 'decoder.value', 'encoder.key', 'encoder.value'].map((k) => `present.${i}.${k}`),
).flat();
/** As transformers.js exports have them: attention weights beside what decoding needs. */
const decoderOutputs = [
  'logits',
  ...presentOutputs,
  ...Array.from({ length: LAYERS }, (_, i) => [`decoder_attentions.${i}`, `cross_attentions.${i}`]).flat(),
];

/** Like onnxruntime: only the outputs asked for (all when none are named). */
function fetched(out: Record<string, ort.Tensor>, fetches: readonly string[] | undefined) {
  return fetches ? Object.fromEntries(fetches.map((name) => [name, out[name]!])) : out;
}

/**
 * A stand-in for an Optimum merged decoder that writes `script` token by token and checks what
 * it is fed each call: the prompt first, then one token; the self-attention cache growing by one
 * a call; the first call's cross-attention cache (filled with 7) fed back, never the later
 * placeholders (filled with 0). What each call fetched goes to `fetches`.
 */
function fakeDecoder(
  script: number[],
  calls: Array<Record<string, ort.Tensor>>,
  fetches: Array<readonly string[] | undefined> = [],
): Session {
  return {
    inputNames: decoderInputs,
    outputNames: decoderOutputs,
    release: async () => undefined,
    run: (async (feeds: Record<string, ort.Tensor>, fetch?: readonly string[]) => {
      const step = calls.length;
      calls.push(feeds);
      fetches.push(fetch);
      const past = feeds['past_key_values.0.decoder.key']!.dims[2]!;
      const ids = feeds.input_ids!;
      const length = past + ids.dims[1]!;
      const logits = new Float32Array(V * ids.dims[1]!).fill(-30);
      logits[(ids.dims[1]! - 1) * V + script[step]!] = 10;
      const out: Record<string, ort.Tensor> = {
        logits: new ort.Tensor('float32', logits, [1, ids.dims[1]!, V]),
      };
      for (let i = 0; i < LAYERS; i++)
        for (const kv of ['key', 'value']) {
          out[`present.${i}.decoder.${kv}`] = new ort.Tensor('float32', new Float32Array(H * length * D), [
            1,
            H,
            length,
            D,
          ]);
          out[`present.${i}.encoder.${kv}`] = new ort.Tensor(
            'float32',
            new Float32Array(H * 1500 * D).fill(step === 0 ? 7 : 0),
            [1, H, 1500, D],
          );
          out[`decoder_attentions.${i}`] = new ort.Tensor('float32', new Float32Array(H * length), [
            1,
            H,
            1,
            length,
          ]);
          out[`cross_attentions.${i}`] = new ort.Tensor('float32', new Float32Array(H * 1500), [
            1,
            H,
            1,
            1500,
          ]);
        }
      return fetched(out, fetch);
    }) as Session['run'],
  };
}

const fakeEncoder = (
  seen: Array<ort.Tensor>,
  fetches: Array<readonly string[] | undefined> = [],
): Session => ({
  inputNames: ['input_features'],
  outputNames: ['last_hidden_state', 'encoder_attentions.0'],
  release: async () => undefined,
  run: (async (feeds: Record<string, ort.Tensor>, fetch?: readonly string[]) => {
    seen.push(feeds.input_features!);
    fetches.push(fetch);
    return fetched(
      {
        last_hidden_state: new ort.Tensor('float32', new Float32Array(1500 * H * D), [1, 1500, H * D]),
        'encoder_attentions.0': new ort.Tensor('float32', new Float32Array(H * 1500 * 1500), [
          1,
          H,
          1500,
          1500,
        ]),
      },
      fetch,
    );
  }) as Session['run'],
});

describe('Seq2SeqWindowDecoder (fake Optimum sessions)', () => {
  it('prompts with language and task, feeds the caches back and stops at <|endoftext|>', async () => {
    const calls: Array<Record<string, ort.Tensor>> = [];
    const features: ort.Tensor[] = [];
    const encoderFetches: Array<readonly string[] | undefined> = [];
    const decoderFetches: Array<readonly string[] | undefined> = [];
    // こん にち は 。 <|1.00|> <|endoftext|>, with a <|notimestamps|> the rules must refuse on the way
    const script = [2, 3, 4, 16, 5, T(1), 6];
    const decoder = new Seq2SeqWindowDecoder(
      fakeEncoder(features, encoderFetches),
      fakeDecoder(script, calls, decoderFetches),
      tokenizer,
      config,
      'ja',
    );
    const out = await decoder.decode(new Float32Array(16000).fill(0.1));
    expect(features[0]!.dims).toEqual([1, 80, 3000]);
    expect(Array.from(calls[0]!.input_ids!.data as BigInt64Array, Number)).toEqual([7, 10, 12, T(0)]);
    expect(calls[0]!.use_cache_branch!.data[0]).toBeFalsy();
    expect(calls[0]!['past_key_values.1.encoder.value']!.dims).toEqual([1, H, 0, D]);
    for (const [step, feeds] of calls.entries()) {
      if (step === 0) continue;
      expect(feeds.input_ids!.dims).toEqual([1, 1]);
      expect(feeds.use_cache_branch!.data[0]).toBeTruthy();
      expect(feeds['past_key_values.1.decoder.key']!.dims[2]).toBe(4 + step - 1);
      expect((feeds['past_key_values.1.encoder.key']!.data as Float32Array)[0]).toBe(7);
    }
    // Only what decoding uses is handed over: no attention weights; after the first call, not the
    // cross-attention placeholders either.
    expect(encoderFetches).toEqual([['last_hidden_state']]);
    expect(decoderFetches[0]).toEqual(expect.arrayContaining(presentOutputs));
    expect(decoderFetches[0]).toHaveLength(1 + presentOutputs.length);
    for (const fetch of decoderFetches.slice(1)) {
      expect(fetch).toContain('logits');
      expect(fetch).toContain('present.1.decoder.value');
      expect(fetch!.filter((n) => /attentions|encoder/.test(n))).toEqual([]);
    }
    // The <|notimestamps|> the fake asked for was refused: the decoder wrote the next likeliest.
    expect(out.tokens.slice(0, 7)).toEqual([7, 10, 12, T(0), 2, 3, 4]);
    expect(out.tokens.at(-1)).toBe(6);
    expect(tokenizer.decode(out.tokens)).toMatch(/^こんにちは/);
    expect(out.probability).toBeGreaterThan(0);
    expect(out.probability).toBeLessThanOrEqual(1);
  });

  it('with auto, first asks for the language after <|startoftranscript|> alone, then writes in it', async () => {
    const calls: Array<Record<string, ort.Tensor>> = [];
    // call 0: identification (ja likeliest); then the transcription script
    const script = [10, 2, 3, 6];
    const decoder = new Seq2SeqWindowDecoder(
      fakeEncoder([]),
      fakeDecoder(script, calls),
      tokenizer,
      config,
      'auto',
    );
    const out = await decoder.decode(new Float32Array(16000));
    expect(Array.from(calls[0]!.input_ids!.data as BigInt64Array, Number)).toEqual([7]);
    expect(Array.from(calls[1]!.input_ids!.data as BigInt64Array, Number)).toEqual([7, 10, 12, T(0)]);
    expect(out.language).toBe('ja');
    expect(out.tokens.slice(0, 6)).toEqual([7, 10, 12, T(0), 2, 3]);
    // the language found stays for the next windows (no second identification)
    const before = calls.length;
    await decoder.decode(new Float32Array(16000));
    expect(Array.from(calls[before]!.input_ids!.data as BigInt64Array, Number)).toEqual([7, 10, 12, T(0)]);
  });

  it('refuses a language the model does not know, and a session that is not a merged decoder', () => {
    const decoder = fakeDecoder([6], []);
    expect(() => new Seq2SeqWindowDecoder(fakeEncoder([]), decoder, tokenizer, config, 'xx')).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
    const plain = { ...decoder, inputNames: ['input_ids', 'encoder_hidden_states'] };
    expect(() => new Seq2SeqWindowDecoder(fakeEncoder([]), plain, tokenizer, config, 'ja')).toThrow(
      /not a Whisper encoder\/merged-decoder export/,
    );
    const noCache = { ...decoder, outputNames: ['logits'] };
    expect(() => new Seq2SeqWindowDecoder(fakeEncoder([]), noCache, tokenizer, config, 'ja')).toThrow(
      /lacks present\.0\.decoder\.key/,
    );
  });

  it('reads the model shape from config.json and the suppressions from generation_config.json', () => {
    expect(
      parseSeq2SeqConfig(
        { d_model: 1280, decoder_attention_heads: 20, num_mel_bins: 128 },
        { suppress_tokens: [1, 2, 'x'], begin_suppress_tokens: [220, 50257] },
      ),
    ).toEqual({
      nMels: 128,
      heads: 20,
      headDim: 64,
      suppress: [1, 2],
      beginSuppress: [220, 50257],
      maxTarget: 448,
    });
    expect(() => parseSeq2SeqConfig({ d_model: 'x' }, {})).toThrow(/bad d_model/);
  });
});
