// ONNX Runtime opens its own flatbuffer format ("ORT format") ~0.1 s faster than the ONNX file
// for Whisper tiny.en (0.17–0.21 s against 0.25–0.29 s here): no protobuf to parse, and with
// `use_ort_model_bytes_for_initializers` the weights are used where they lie instead of copied.
// The copy is made by this onnxruntime from the model on the user's machine, the first time the
// model opens on the CPU, and kept beside it keyed by the source file's size and time and the
// onnxruntime version, so another model file or another onnxruntime never meets a stale copy.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

export const ORT_CACHE_DIR = '.ort-cache';

export interface OrtFormatCache {
  /** The copy for the source as it is now. */
  file: string;
  /** What every copy of this model and variant starts with (older ones are removed). */
  stem: string;
}

/**
 * Where the ORT-format copy of `source` lives. `variant` names a change made to the model's bytes
 * before opening (e.g. outputs dropped), so each variant has its own copy.
 */
export function ortFormatCache(source: string, ortVersion: string, variant = ''): OrtFormatCache {
  const { size, mtimeNs } = statSync(source, { bigint: true });
  const stem = `${path.basename(source)}${variant ? `~${variant}` : ''}.`;
  const dir = path.join(path.dirname(source), ORT_CACHE_DIR);
  return { file: path.join(dir, `${stem}${size}-${mtimeNs}.ort-${ortVersion}.ort`), stem };
}

/**
 * The copy's bytes, or null when there is none. The buffer is one of its own (never a slice of
 * Node's shared pool), as ONNX Runtime keeps pointers into it for as long as the session lives.
 */
export function readOrtFormatCache(cachePath: string): Uint8Array | null {
  try {
    const bytes = readFileSync(cachePath);
    return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
      ? bytes
      : new Uint8Array(bytes);
  } catch {
    return null;
  }
}

/** A file name to write the copy under before it is renamed into place (or null if it cannot be). */
export function ortFormatCacheTemp(cache: OrtFormatCache): string | null {
  try {
    mkdirSync(path.dirname(cache.file), { recursive: true });
    // Unique per call: processes and worker threads may make the same copy at once.
    return `${cache.file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  } catch {
    return null; // a read-only models folder opens its models without the copy
  }
}

/** Puts a written copy in place and removes older copies of the same model and variant. */
export function commitOrtFormatCache(temp: string, cache: OrtFormatCache): void {
  try {
    renameSync(temp, cache.file);
  } catch {
    rmSync(temp, { force: true });
    return;
  }
  const dir = path.dirname(cache.file);
  for (const file of readdirSync(dir)) {
    if (file.startsWith(cache.stem) && file.endsWith('.ort') && file !== path.basename(cache.file))
      rmSync(path.join(dir, file), { force: true });
  }
}

/** A copy ONNX Runtime refused (damaged), or one left half-written: removed so it is made again. */
export function dropOrtFormatFile(file: string): void {
  rmSync(file, { force: true });
}
