import {
  copyFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ort from 'onnxruntime-node';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { howOpened, openOrtSession } from '../asr/open-ort-session.js';
import { defaultModelsDir } from '../models/model-manifest.js';
import {
  commitOrtFormatCache,
  ORT_CACHE_DIR,
  ortFormatCache,
  ortFormatCacheTemp,
  readOrtFormatCache,
} from './ort-format-cache.js';

const VAD = path.join(defaultModelsDir(), 'silero_vad_v5.onnx');
let dir: string;
let model: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'kirinuki-ort-cache-'));
  model = path.join(dir, 'vad.onnx');
  copyFileSync(VAD, model);
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const copies = () => {
  try {
    return readdirSync(path.join(dir, ORT_CACHE_DIR)).sort();
  } catch {
    return [];
  }
};

/** Speech probability of one 32 ms frame of a tone, and the state after it. */
async function runVad(session: ort.InferenceSession) {
  const frame = Float32Array.from({ length: 512 }, (_, i) => 0.3 * Math.sin(i / 5));
  const out = await session.run({
    input: new ort.Tensor('float32', frame, [1, 512]),
    state: new ort.Tensor('float32', new Float32Array(256), [2, 1, 128]),
    sr: new ort.Tensor('int64', BigInt64Array.of(16000n), []),
  });
  return [...(out.output!.data as Float32Array), ...(out.stateN!.data as Float32Array)];
}

describe('ORT-format copies of models (CPU)', () => {
  it('makes the copy on first open, opens from it after, with the same results', async () => {
    const first = await openOrtSession(model, { threads: 1 });
    expect(howOpened(first.session)).toBe('model, copy made');
    expect(copies()).toEqual([path.basename(ortFormatCache(model, ort.env.versions.common).file)]);
    const second = await openOrtSession(model, { threads: 1 });
    expect(howOpened(second.session)).toBe('ort-format copy');
    expect(await runVad(second.session)).toEqual(await runVad(first.session));
    await Promise.all([first.session.release(), second.session.release()]);
  });

  it('drops a damaged copy and makes it again', async () => {
    await (await openOrtSession(model, { threads: 1 })).session.release();
    const [copy] = copies();
    const file = path.join(dir, ORT_CACHE_DIR, copy!);
    const whole = readFileSync(file);
    writeFileSync(file, whole.subarray(0, whole.length >> 1)); // cut short, as by a crash
    const reopened = await openOrtSession(model, { threads: 1 });
    expect(howOpened(reopened.session)).toBe('model, copy made');
    expect((await runVad(reopened.session))[0]).toBeGreaterThanOrEqual(0);
    await reopened.session.release();
    expect(howOpened((await openOrtSession(model, { threads: 1 })).session)).toBe('ort-format copy');
  });

  it('makes a new copy when the model file changes, and removes the old one', async () => {
    await (await openOrtSession(model, { threads: 1 })).session.release();
    const before = copies();
    utimesSync(model, new Date(), new Date(Date.now() + 5000));
    const reopened = await openOrtSession(model, { threads: 1 });
    expect(howOpened(reopened.session)).toBe('model, copy made');
    expect(copies()).toHaveLength(1);
    expect(copies()).not.toEqual(before);
    await reopened.session.release();
  });

  it('keeps a copy per variant and makes the variant bytes only without one', async () => {
    const bytes = vi.fn(
      async () => new Uint8Array(await import('node:fs/promises').then((fs) => fs.readFile(model))),
    );
    const variant = { source: model, variant: 'same', bytes };
    await (await openOrtSession(variant, { threads: 1 })).session.release();
    expect(bytes).toHaveBeenCalledTimes(1);
    const again = await openOrtSession(variant, { threads: 1 });
    expect(howOpened(again.session)).toBe('ort-format copy');
    expect(bytes).toHaveBeenCalledTimes(1);
    expect(copies()).toEqual([path.basename(ortFormatCache(model, ort.env.versions.common, 'same').file)]);
    await again.session.release();
  });

  it('opens without a copy from bytes, or when no copy can be written beside the model', async () => {
    const fromBytes = await openOrtSession(
      new Uint8Array(await import('node:fs/promises').then((fs) => fs.readFile(model))),
      { threads: 1 },
    );
    expect(howOpened(fromBytes.session)).toBe('model');
    // A file where the copies' folder would be (as a read-only folder would, even for root).
    writeFileSync(path.join(dir, ORT_CACHE_DIR), '');
    const unwritable = await openOrtSession(model, { threads: 1 });
    expect(howOpened(unwritable.session)).toBe('model');
    expect((await runVad(unwritable.session))[0]).toBeGreaterThanOrEqual(0);
    await Promise.all([fromBytes.session.release(), unwritable.session.release()]);
  });
});

describe('ortFormatCache (names)', () => {
  it('names a copy by model, variant, size, time and onnxruntime version', () => {
    utimesSync(model, new Date(1_700_000_000_000), new Date(1_700_000_000_123));
    const cache = ortFormatCache(model, '1.30.0', 'last_hidden_state');
    expect(path.relative(dir, cache.file)).toBe(
      path.join(
        ORT_CACHE_DIR,
        `vad.onnx~last_hidden_state.2327524-${statSync(model, { bigint: true }).mtimeNs}.ort-1.30.0.ort`,
      ),
    );
    expect(cache.stem).toBe('vad.onnx~last_hidden_state.');
  });

  it('commits a copy in place of older ones of the same model and variant only', () => {
    const cacheDir = path.join(dir, ORT_CACHE_DIR);
    const cache = ortFormatCache(model, '1.30.0');
    const temp = ortFormatCacheTemp(cache)!;
    for (const name of [
      'vad.onnx.1-2.ort-1.29.0.ort',
      'vad.onnx~x.1-2.ort-1.30.0.ort',
      'other.onnx.1-2.ort-1.30.0.ort',
    ])
      writeFileSync(path.join(cacheDir, name), 'old');
    writeFileSync(temp, 'new');
    commitOrtFormatCache(temp, cache);
    expect(copies()).toEqual(
      [path.basename(cache.file), 'other.onnx.1-2.ort-1.30.0.ort', 'vad.onnx~x.1-2.ort-1.30.0.ort'].sort(),
    );
    expect(Buffer.from(readOrtFormatCache(cache.file)!).toString()).toBe('new');
  });

  it('reads a copy into a buffer of its own (onnxruntime keeps pointers into it)', () => {
    const file = path.join(dir, 'small.ort');
    writeFileSync(file, 'abc');
    const bytes = readOrtFormatCache(file)!;
    expect(bytes.byteOffset).toBe(0);
    expect(bytes.buffer.byteLength).toBe(3);
    expect(readOrtFormatCache(path.join(dir, 'missing.ort'))).toBeNull();
  });
});
