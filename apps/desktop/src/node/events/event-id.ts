import { createHash } from 'node:crypto';
import { encodeTime, ulid } from '../ids/ulid.js';

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A fresh ULID for an event that happens once. */
export function newEventId(now = Date.now()): string {
  return ulid(now);
}

/**
 * A ULID that is the same every time for the same (time, key): for events a retried stage could
 * write twice. The time part comes from a stable moment (e.g. when the job was first queued), the
 * random part from a hash of the key, so `INSERT OR IGNORE` makes the retry a no-op.
 */
export function deterministicEventId(atMs: number, key: string): string {
  const digest = createHash('sha256').update(key).digest();
  let random = '';
  for (let i = 0; i < 16; i += 1) random += CROCKFORD[(digest[i] as number) & 31];
  return encodeTime(atMs, 10) + random;
}
