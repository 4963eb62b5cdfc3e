import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  defaultModelsDir,
  readModelManifest,
  sha256File,
  type ModelEntry,
} from '../models/model-manifest.js';
import { SILERO_VAD_ID } from './prepare-models.js';
import { multilingualTokenizerJson } from '../test-support/asr/test-tokenizer.js';
import { transcribeFile } from './transcribe-file.js';
import { openWindowDecoder } from './whisper-models.js';
import { localWhisperModel } from './whisper-catalog.js';
import { SEQ2SEQ_FORMAT } from './whisper-catalog.js';

// A stand-in for a downloaded multilingual Whisper: real ONNX files in Optimum's layout whose
// decoder writes a fixed script (scripts/fixtures/make-whisper-seq2seq-fixture.py), so the real
// onnxruntime sessions, the worker thread and the whole transcription path run as for whisper-base.
const fixtures = fileURLToPath(new URL('../../../../fixtures/', import.meta.url));
const speech = path.join(fixtures, 'media/speech-en-16k.wav');
let modelsDir: string;

beforeAll(async () => {
  modelsDir = mkdtempSync(path.join(tmpdir(), 'kirinuki-seq2seq-'));
  const dir = path.join(modelsDir, 'whisper-test');
  mkdirSync(dir);
  copyFileSync(
    path.join(fixtures, 'models/whisper-seq2seq-test/encoder.onnx'),
    path.join(dir, 'encoder.onnx'),
  );
  copyFileSync(
    path.join(fixtures, 'models/whisper-seq2seq-test/decoder.onnx'),
    path.join(dir, 'decoder.onnx'),
  );
  writeFileSync(path.join(dir, 'tokenizer.json'), JSON.stringify(multilingualTokenizerJson(true)));
  writeFileSync(
    path.join(dir, 'config.json'),
    JSON.stringify({ d_model: 80, decoder_attention_heads: 2, num_mel_bins: 80 }),
  );
  writeFileSync(
    path.join(dir, 'generation_config.json'),
    JSON.stringify({ suppress_tokens: [], begin_suppress_tokens: [6] }),
  );
  const files = await Promise.all(
    ['encoder.onnx', 'decoder.onnx', 'tokenizer.json', 'config.json', 'generation_config.json'].map(
      async (name) => {
        const full = path.join(dir, name);
        const { size } = await import('node:fs').then((fs) => fs.statSync(full));
        return { path: `whisper-test/${name}`, sha256: await sha256File(full), size };
      },
    ),
  );
  const vad = readModelManifest(defaultModelsDir({})).models.find((m) => m.id === SILERO_VAD_ID)!;
  copyFileSync(path.join(defaultModelsDir({}), vad.files[0]!.path), path.join(modelsDir, vad.files[0]!.path));
  const model: ModelEntry = {
    id: 'whisper-test',
    description: 'test stand-in',
    license: 'MIT',
    languages: ['en', 'zh', 'ja'],
    format: SEQ2SEQ_FORMAT,
    whisper: {
      encoder: 'whisper-test/encoder.onnx',
      decoder: 'whisper-test/decoder.onnx',
      tokenizer: 'whisper-test/tokenizer.json',
      config: 'whisper-test/config.json',
      generationConfig: 'whisper-test/generation_config.json',
    },
    files,
  };
  writeFileSync(path.join(modelsDir, 'manifest.json'), JSON.stringify({ models: [vad, model] }));
});
afterAll(() => rmSync(modelsDir, { recursive: true, force: true }));

describe('multilingual Whisper through onnxruntime (Optimum-layout stand-in)', () => {
  it('runs the encoder and the merged decoder with its caches, under the timestamp rules', async () => {
    const decoder = await openWindowDecoder(modelsDir, localWhisperModel(modelsDir, 'whisper-test'), 'ja');
    try {
      const out = await decoder.decode(new Float32Array(16000 * 3).fill(0.01));
      // prompt <|startoftranscript|><|ja|><|transcribe|><|0.00|>, the script, <|1.00|>, <|endoftext|>
      expect(out.tokens).toEqual([7, 10, 12, 17, 2, 3, 4, 5, 67, 6]);
      expect(out.probability).toBeGreaterThan(0.99);
    } finally {
      await decoder.release();
    }
  });

  it('transcribes a file in Japanese, one word per character run, with the model and language named', async () => {
    const t = await transcribeFile(speech, { modelsDir, model: 'whisper-test', language: 'ja' });
    expect(t).toMatchObject({ language: 'ja', model: 'whisper-test', backend: 'local' });
    expect(t.segments.length).toBeGreaterThan(0);
    const first = t.segments[0]!;
    expect(first.text).toBe('こんにちは。');
    expect(first.words.map((w) => w.word)).toEqual(['こん', 'にち', 'は。']);
    for (const w of first.words) {
      expect(w.start).toBeGreaterThanOrEqual(first.start);
      expect(w.end).toBeLessThanOrEqual(first.end);
    }
  });

  it('identifies the language itself when asked for auto, and writes in it', async () => {
    const t = await transcribeFile(speech, { modelsDir, model: 'whisper-test', language: 'auto' });
    expect(t.language).toBe('ja');
    expect(t.segments[0]!.words.map((w) => w.word)).toEqual(['こん', 'にち', 'は。']);
  });

  it('says how to get a model whose files are missing, and refuses a language it lacks', async () => {
    rmSync(path.join(modelsDir, 'whisper-test/config.json'));
    try {
      await expect(
        transcribeFile(speech, { modelsDir, model: 'whisper-test', language: 'ja' }),
      ).rejects.toMatchObject({
        code: 'MODEL_MISSING',
        hint: expect.stringContaining('kirinuki models download whisper-test'),
      });
    } finally {
      writeFileSync(
        path.join(modelsDir, 'whisper-test/config.json'),
        JSON.stringify({ d_model: 80, decoder_attention_heads: 2, num_mel_bins: 80 }),
      );
    }
    await expect(
      transcribeFile(speech, { modelsDir, model: 'whisper-test', language: 'de' }),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });
});
