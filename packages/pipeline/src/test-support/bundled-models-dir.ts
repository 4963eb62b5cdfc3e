import { mkdtempSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defaultModelsDir } from '../models/model-manifest.js';

/**
 * A models folder with what a fresh checkout has (the manifest, the bundled and prepared models)
 * and none of the downloaded ones (they live in sub-folders), for tests that need a model to be
 * "not downloaded" on a developer's machine where it is. Remove the returned folder when done.
 */
export function bundledModelsDir(): string {
  const source = defaultModelsDir();
  const dir = mkdtempSync(path.join(tmpdir(), 'kirinuki-bundled-models-'));
  for (const entry of readdirSync(source, { withFileTypes: true }))
    if (entry.isFile()) symlinkSync(path.join(source, entry.name), path.join(dir, entry.name));
  return dir;
}
