import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultModelsDir } from '../models/model-manifest.js';
import { prepareSpeechModels } from './prepare-models.js';
import { WhisperWorkerDecoder } from './whisper-worker-decoder.js';

const temp = mkdtempSync(path.join(tmpdir(), 'kirinuki-whisper-worker-'));
beforeAll(() => prepareSpeechModels(), 120_000);
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('WhisperWorkerDecoder', () => {
  it('opens Whisper in a worker while this thread keeps running, then decodes', async () => {
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 10);
    const decoder = await WhisperWorkerDecoder.start(defaultModelsDir(), { threads: 1 });
    try {
      const opened = await decoder.opened;
      clearInterval(timer);
      expect(opened.provider).toBe('cpu');
      // Opening takes ~0.3 s; done on this thread, the timer would barely have fired.
      expect(ticks).toBeGreaterThanOrEqual(5);
      const silence = await decoder.decode(new Float32Array(16000 * 2));
      expect(silence.tokens.length).toBeGreaterThan(0);
      expect(silence.probability).toBeGreaterThan(0);
      expect(silence.probability).toBeLessThanOrEqual(1);
    } finally {
      clearInterval(timer);
      await decoder.release();
    }
    await expect(decoder.release()).resolves.toBeUndefined(); // twice is fine
  });

  it('reports a model that cannot open through `opened` and every decode', async () => {
    const broken = path.join(temp, 'models');
    cpSync(defaultModelsDir(), broken, {
      recursive: true,
      filter: (src) => !src.endsWith('.onnx') || src.endsWith('vocab.json'),
    });
    // The manifest and vocabulary are there, the model file is not.
    const decoder = await WhisperWorkerDecoder.start(broken);
    await expect(decoder.opened).rejects.toThrow(/whisper|onnx|load|exist/i);
    await expect(decoder.decode(new Float32Array(16000))).rejects.toThrow();
    await decoder.release();
  });
});
