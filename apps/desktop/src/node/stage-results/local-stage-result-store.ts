import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { StageResultStore } from '../../common/stage-result-store.js';
import { libraryFolder } from '../library/library-folder.js';

/** A stable short hash of a settings object (key order does not matter). */
export function settingsHash(settings: unknown): string {
  const canonical = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(canonical)
      : value && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value as Record<string, unknown>)
              .filter(([, v]) => v !== undefined)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, v]) => [k, canonical(v)]),
          )
        : value;
  return createHash('sha256')
    .update(JSON.stringify(canonical(settings)))
    .digest('hex')
    .slice(0, 16);
}

/**
 * Stage results as JSON files in the library folder: `videos/<sha256>/stages/<stage>-<hash>.json`
 * beside an imported video, `cache/<sha256>/stages/…` for a file that was never imported.
 */
export function localStageResultStore(libraryDir: string): StageResultStore {
  const folder = libraryFolder(libraryDir);
  const stagesDir = (sha256: string) => path.join(folder.videoDir(sha256), 'stages');
  return {
    locate: (key, scope) =>
      path.join(
        scope === 'video' ? stagesDir(key.sha256) : path.join(libraryDir, 'cache', key.sha256, 'stages'),
        `${key.stage}-${settingsHash(key.settings)}.json`,
      ),
    read: async <T>(locator: string) => {
      try {
        return JSON.parse(await readFile(locator, 'utf8')) as T;
      } catch {
        return null;
      }
    },
    write: async (locator, value) => {
      mkdirSync(path.dirname(locator), { recursive: true });
      const temp = `${locator}.${process.pid}.tmp`;
      await writeFile(temp, JSON.stringify(value));
      await rename(temp, locator);
    },
    latest: async (sha256, stage) => {
      let names: string[];
      try {
        names = readdirSync(stagesDir(sha256));
      } catch {
        return null;
      }
      const files = names
        .filter((n) => n.startsWith(`${stage}-`) && n.endsWith('.json'))
        .map((n) => path.join(stagesDir(sha256), n));
      files.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
      return files[0] ?? null;
    },
  };
}
