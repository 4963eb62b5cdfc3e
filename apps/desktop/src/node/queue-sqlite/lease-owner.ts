import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { ulid } from '../ids/ulid.js';

/** Who holds a lease: one orchestrator run in one process on one boot of one machine. */
export interface LeaseOwner {
  /** Unique per run, so a reused pid is not mistaken for the old owner. */
  id: string;
  pid: number;
  host: string;
  /** Changes on every boot; 'unknown' where the OS does not say. */
  bootId: string;
}

export type OwnerLiveness = 'self' | 'alive' | 'dead' | 'unknown';

/** Linux's boot id; elsewhere 'unknown' (leases of other runs then wait for expiry unless the pid is gone). */
export function readBootId(read: (path: string) => string = (p) => readFileSync(p, 'utf8')): string {
  try {
    return read('/proc/sys/kernel/random/boot_id').trim() || 'unknown';
  } catch {
    return 'unknown';
  }
}

export function currentLeaseOwner(): LeaseOwner {
  return { id: ulid(), pid: process.pid, host: hostname(), bootId: readBootId() };
}

/**
 * Whether the owner of a lease is still running, as far as this machine can tell. Only an owner on
 * the same host can be judged: same boot → check its pid; another boot → dead (the machine
 * restarted). On another host we cannot know, and the lease's expiry decides.
 */
export function ownerLiveness(
  owner: Omit<LeaseOwner, 'id'> & { id: string | null },
  self: LeaseOwner,
  pidAlive: (pid: number) => boolean,
): OwnerLiveness {
  if (owner.id === self.id) return 'self';
  if (owner.host !== self.host) return 'unknown';
  if (owner.bootId !== 'unknown' && self.bootId !== 'unknown' && owner.bootId !== self.bootId) return 'dead';
  if (owner.pid === self.pid) return 'dead';
  return pidAlive(owner.pid) ? 'alive' : 'dead';
}
