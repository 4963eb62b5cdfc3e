import type { Kysely } from 'kysely';
import { isPidAlive } from '../service-process/pid-alive.js';
import type { JobsDatabase } from './jobs-database.js';
import { immediateTransaction } from './job-outbox.js';
import { ownerLiveness, type LeaseOwner } from './lease-owner.js';

const NAME = 'scheduler';

/** The lease row's holder, as lease-owner.ts compares owners. */
const holderOf = (held: { ownerId: string; pid: number; host: string; bootId: string }) => ({
  id: held.ownerId,
  pid: held.pid,
  host: held.host,
  bootId: held.bootId,
});

/**
 * Takes or extends the scheduler's lease for `owner`: free, already ours, expired, or held by a
 * process on this machine that is gone (then at once, not after the expiry). False while another
 * live holder has it.
 */
export async function acquireSchedulerLease(
  db: Kysely<JobsDatabase>,
  owner: LeaseOwner,
  now: number,
  leaseMs: number,
  pidAlive: (pid: number) => boolean = isPidAlive,
): Promise<boolean> {
  return immediateTransaction(db, async (trx) => {
    const held = await trx
      .selectFrom('scheduler_lease')
      .selectAll()
      .where('name', '=', NAME)
      .executeTakeFirst();
    if (held && held.expiresAt > now) {
      const liveness = ownerLiveness(holderOf(held), owner, pidAlive);
      if (liveness === 'alive' || liveness === 'unknown') return false;
    }
    const row = {
      name: NAME,
      ownerId: owner.id,
      pid: owner.pid,
      host: owner.host,
      bootId: owner.bootId,
      expiresAt: now + leaseMs,
    };
    await trx
      .insertInto('scheduler_lease')
      .values(row)
      .onConflict((oc) => oc.column('name').doUpdateSet(row))
      .execute();
    return true;
  });
}

/** Gives the lease up (a clean shutdown): a standby takes it on its next look. */
export async function releaseSchedulerLease(db: Kysely<JobsDatabase>, owner: LeaseOwner): Promise<void> {
  await db.deleteFrom('scheduler_lease').where('name', '=', NAME).where('ownerId', '=', owner.id).execute();
}

/** The pid of another live process on this machine that holds the lease, else null. */
export async function localSchedulerLeaseHolder(
  db: Kysely<JobsDatabase>,
  owner: LeaseOwner,
  pidAlive: (pid: number) => boolean = isPidAlive,
): Promise<number | null> {
  const held = await db
    .selectFrom('scheduler_lease')
    .select(['ownerId', 'pid', 'host', 'bootId'])
    .where('name', '=', NAME)
    .executeTakeFirst();
  if (!held) return null;
  const liveness = ownerLiveness(holderOf(held), owner, pidAlive);
  return liveness === 'alive' ? held.pid : null;
}
