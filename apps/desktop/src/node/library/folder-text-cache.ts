import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** A string cache in a folder: one file per key, written atomically (the LLM and cloud vision answers). */
export interface TextCache {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
}

export function folderTextCache(dir: string): TextCache {
  const fileOf = (key: string) => path.join(dir, `${key.replace(/[^A-Za-z0-9_-]/g, '_')}.json`);
  return {
    get: async (key) => {
      try {
        return await readFile(fileOf(key), 'utf8');
      } catch {
        return undefined;
      }
    },
    set: async (key, value) => {
      await mkdir(dir, { recursive: true });
      const temp = `${fileOf(key)}.${process.pid}.tmp`;
      await writeFile(temp, value);
      await rename(temp, fileOf(key));
    },
  };
}

/** Where a library keeps the answers of one cloud feature (`<library>/cache/<name>/`). */
export const libraryCacheDir = (libraryDir: string, name: 'cloud-vision' | 'llm-rerank') =>
  path.join(libraryDir, 'cache', name);
