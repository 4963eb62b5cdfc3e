import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Library } from '../library.js';

/** Every file in the library (but the database and logs) with its size: to assert nothing changed. */
export function librarySnapshot(library: Library): Record<string, number> {
  const files: Record<string, number> = {};
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const rel = path.relative(library.dir, full);
      if (rel === 'logs' || rel.startsWith('library.db')) continue;
      if (entry.isDirectory()) {
        files[`${rel}/`] = 0;
        walk(full);
      } else files[rel] = statSync(full).size;
    }
  };
  walk(library.dir);
  return files;
}
