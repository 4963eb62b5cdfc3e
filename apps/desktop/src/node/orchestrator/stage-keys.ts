import { createHash } from 'node:crypto';
import { encodeTime } from '../ids/ulid.js';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** JSON with object keys sorted, so equal settings always hash the same. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The key a stage stores its output under: the input's content hash, the stage and its settings.
 * Same input + same settings → same key, so a rerun finds the finished output and skips the work.
 */
export function stageOutputKey(stage: string, contentHash: string, settings: unknown): string {
  return createHash('sha256')
    .update(`${stage}\n${contentHash}\n${stableJson(settings)}`)
    .digest('hex')
    .slice(0, 32);
}

/** A ULID-shaped id that depends only on its inputs: time part from `timeMs`, the rest from a hash. */
export function deterministicUlid(timeMs: number, ...parts: string[]): string {
  const digest = createHash('sha256').update(parts.join('\u0000')).digest();
  let random = '';
  for (let i = 0; i < 16; i += 1) random += CROCKFORD[(digest[i] as number) % 32];
  return `${encodeTime(timeMs, 10)}${random}`;
}
