import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultModelsDir, sha256File, verifyModelFiles, type ModelManifest } from './model-manifest.js';

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

  it('verifies every model shipped in resources/models', async () => {
    const statuses = await verifyModelFiles(defaultModelsDir({}));
    expect(statuses.length).toBeGreaterThan(0);
    for (const s of statuses)
      expect(s, s.path).toMatchObject({ present: true, sha256Ok: true, size: s.expectedSize });
  });
});
