import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ServerDatabase } from '../db/server-tables.js';

export const LOGIN_FAILURE_LIMIT = 10;
export const LOGIN_FAILURE_WINDOW_MS = 15 * 60_000;

/**
 * When the account may be tried again (epoch ms) if it had its 10 failed sign-ins in the last 15
 * minutes, else undefined: the window opens again when the oldest of those 10 leaves it.
 */
export async function loginLockedUntil(
  db: Kysely<ServerDatabase>,
  email: string,
  now: number,
): Promise<number | undefined> {
  const recent = await db
    .selectFrom('login_failures')
    .select('at')
    .where('email', '=', email)
    .where('at', '>', now - LOGIN_FAILURE_WINDOW_MS)
    .orderBy('at', 'desc')
    .limit(LOGIN_FAILURE_LIMIT)
    .execute();
  if (recent.length < LOGIN_FAILURE_LIMIT) return undefined;
  return recent[LOGIN_FAILURE_LIMIT - 1]!.at + LOGIN_FAILURE_WINDOW_MS;
}

export async function recordLoginFailure(
  db: Kysely<ServerDatabase>,
  email: string,
  now: number,
): Promise<void> {
  await db.insertInto('login_failures').values({ id: randomUUID(), email, at: now }).execute();
  // Keeps the table to the window: older rows never count again.
  await db
    .deleteFrom('login_failures')
    .where('email', '=', email)
    .where('at', '<=', now - LOGIN_FAILURE_WINDOW_MS)
    .execute();
}
