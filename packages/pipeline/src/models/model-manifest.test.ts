import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  defaultModelsDir,
  readModelManifest,
  sha256File,
  verifyModelFiles,
  type ModelManifest,
} from './model-manifest.js';

const dir = mkdtempSync(path.join(tmpdir(), 'kirinuki-models-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('verifyModelFiles', () => {
  it('reports present and verified, changed, and missing files', async () => {
    writeFileSync(path.join(dir, 'good.bin'), 'good');
    writeFileSync(path.join(dir, 'bad.bin'), 'tampered');
    const manifest: ModelManifest = {
      models: [
        {
          id: 'm',
          description: '',
          license: 'MIT',
          files: [
            { path: 'good.bin', sha256: await sha256File(path.join(dir, 'good.bin')), size: 4 },
            { path: 'bad.bin', sha256: '0'.repeat(64), size: 8 },
            { path: 'gone.bin', sha256: '0'.repeat(64), size: 1 },
          ],
        },
      ],
    };
    const statuses = await verifyModelFiles(dir, manifest);
    expect(statuses.map((s) => [path.basename(s.path), s.present, s.sha256Ok])).toEqual([
      ['good.bin', true, true],
      ['bad.bin', true, false],
      ['gone.bin', false, false],
    ]);
  });

  it('leaves a model not downloaded out unless asked, and then marks it downloadable', async () => {
    const manifest: ModelManifest = {
      models: [
        {
          id: 'd',
          description: '',
          license: 'MIT',
          files: [
            { path: 'later.bin', sha256: '0'.repeat(64), size: 1, url: 'https://example.test/later.bin' },
          ],
        },
      ],
    };
    expect(await verifyModelFiles(dir, manifest)).toEqual([]);
    expect(await verifyModelFiles(dir, manifest, { includeUnprepared: true })).toMatchObject([
      { present: false, downloadable: true, sha256Ok: false },
    ]);
  });

  it('verifies every model shipped in resources/models (the downloadable ones are fetched on demand)', async () => {
    const manifest = readModelManifest(defaultModelsDir({}));
    const downloadable = new Set(
      manifest.models.flatMap((m) =>
        m.files.filter((f) => f.url).map((f) => path.join(defaultModelsDir({}), f.path)),
      ),
    );
    const statuses = await verifyModelFiles(defaultModelsDir({}));
    expect(statuses.length).toBeGreaterThan(0);
    for (const s of statuses)
      if (!downloadable.has(s.path))
        expect(s, s.path).toMatchObject({ present: true, sha256Ok: true, size: s.expectedSize });
  });

  it('pins every download: https at a fixed revision, with its size and sha256', () => {
    const { models } = readModelManifest(defaultModelsDir({}));
    const files = models.flatMap((m) => m.files.filter((f) => f.url));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) {
      expect(f.url, f.path).toMatch(/^https:\/\/huggingface\.co\/[\w-]+\/[\w.-]+\/resolve\/[0-9a-f]{40}\//);
      expect(f.sha256, f.path).toMatch(/^[0-9a-f]{64}$/);
      expect(f.size, f.path).toBeGreaterThan(0);
    }
    // A seq2seq Whisper names each of its parts among its files.
    for (const m of models.filter((x) => x.format === 'onnx-whisper-seq2seq')) {
      const paths = new Set(m.files.map((f) => f.path));
      expect(
        Object.values(m.whisper ?? {}).every((p) => paths.has(p)),
        m.id,
      ).toBe(true);
      expect(m.languages, m.id).toContain('ja');
    }
  });
});
