import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultModelsDir } from '../models/model-manifest.js';
import { prepareSpeechModels } from './prepare-models.js';
import { spawnSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  hasSpareWhisperWorker,
  prestartWhisperWorker,
  WhisperWorkerDecoder,
} from './whisper-worker-decoder.js';

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

  it('takes a prestarted worker, which opens the model it is then told', async () => {
    prestartWhisperWorker();
    expect(hasSpareWhisperWorker()).toBe(true);
    const decoder = await WhisperWorkerDecoder.start(defaultModelsDir(), { threads: 1 });
    expect(hasSpareWhisperWorker()).toBe(false);
    try {
      expect((await decoder.opened).provider).toBe('cpu');
      expect((await decoder.decode(new Float32Array(16000))).tokens.length).toBeGreaterThan(0);
    } finally {
      await decoder.release();
    }
  });

  it('hears a prestarted worker that fails at once (a missing model is not lost in a race)', async () => {
    const broken = path.join(temp, 'models-missing');
    cpSync(defaultModelsDir(), broken, {
      recursive: true,
      filter: (src) => !src.endsWith('.onnx') || src.endsWith('vocab.json'),
    });
    prestartWhisperWorker();
    await sleep(1500); // booted and waiting, so it answers as soon as it is asked
    const decoder = await WhisperWorkerDecoder.start(broken);
    await expect(decoder.opened).rejects.toThrow(/whisper|onnx|load|exist/i);
    await decoder.release();
  });

  it('lets the process exit while a prestarted worker waits untaken', () => {
    const module = new URL('./whisper-worker-decoder.ts', import.meta.url).href;
    const run = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        '--input-type=module',
        '-e',
        `import(${JSON.stringify(module)}).then((m) => { m.prestartWhisperWorker(); console.log(m.hasSpareWhisperWorker()); });`,
      ],
      { encoding: 'utf8', timeout: 30_000 },
    );
    expect(run.signal).toBeNull(); // not killed by the timeout
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe('true');
  });
});
