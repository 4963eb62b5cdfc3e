import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ServerDatabase } from '../db/server-tables.js';

export const REFRESH_TOKEN_DAYS = 30;
const DAY_MS = 86_400_000;

export type SessionEndReason = 'logout' | 'refresh-token-reused' | 'password-changed';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('base64url');

/** A sign-in: the session (refresh-token family) and its first refresh token. */
export async function startSession(
  db: Kysely<ServerDatabase>,
  userId: string,
  now: number,
): Promise<{ sessionId: string; refreshToken: string }> {
  const sessionId = randomUUID();
  await db
    .insertInto('sessions')
    .values({ id: sessionId, user_id: userId, created_at: now, revoked_at: null, revoked_reason: null })
    .execute();
  return { sessionId, refreshToken: await issueRefreshToken(db, sessionId, now) };
}

async function issueRefreshToken(
  db: Kysely<ServerDatabase>,
  sessionId: string,
  now: number,
): Promise<string> {
  const token = randomBytes(32).toString('base64url');
  await db
    .insertInto('refresh_tokens')
    .values({
      token_hash: hashToken(token),
      session_id: sessionId,
      issued_at: now,
      expires_at: now + REFRESH_TOKEN_DAYS * DAY_MS,
      used_at: null,
    })
    .execute();
  return token;
}

export type Rotation =
  | { kind: 'rotated'; userId: string; sessionId: string; refreshToken: string }
  | { kind: 'unknown' }
  | { kind: 'expired' }
  | { kind: 'revoked' }
  | { kind: 'reused'; sessionId: string };

/**
 * Trades a refresh token for a new one, once: the old one is marked used in the same statement
 * that checks it was unused, so two racing refreshes cannot both win. A used one presented again
 * is reuse (a stolen copy, or the thief's copy after ours): the whole session is revoked.
 */
export async function rotateRefreshToken(
  db: Kysely<ServerDatabase>,
  token: string,
  now: number,
): Promise<Rotation> {
  const tokenHash = hashToken(token);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('refresh_tokens')
      .innerJoin('sessions', 'sessions.id', 'refresh_tokens.session_id')
      .select([
        'refresh_tokens.session_id',
        'refresh_tokens.expires_at',
        'sessions.user_id',
        'sessions.revoked_at',
      ])
      .where('refresh_tokens.token_hash', '=', tokenHash)
      .executeTakeFirst();
    if (!row) return { kind: 'unknown' };
    if (row.revoked_at !== null) return { kind: 'revoked' };
    if (row.expires_at <= now) return { kind: 'expired' };
    const claimed = await trx
      .updateTable('refresh_tokens')
      .set({ used_at: now })
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) {
      await revokeSessions(trx, { sessionId: row.session_id }, 'refresh-token-reused', now);
      return { kind: 'reused', sessionId: row.session_id };
    }
    return {
      kind: 'rotated',
      userId: row.user_id,
      sessionId: row.session_id,
      refreshToken: await issueRefreshToken(trx, row.session_id, now),
    };
  });
}

/** Ends one sign-in, or every sign-in of a user; one already ended keeps its first reason. */
export async function revokeSessions(
  db: Kysely<ServerDatabase>,
  which: { sessionId: string } | { userId: string },
  reason: SessionEndReason,
  now: number,
): Promise<void> {
  const unended = db
    .updateTable('sessions')
    .set({ revoked_at: now, revoked_reason: reason })
    .where('revoked_at', 'is', null);
  await (
    'sessionId' in which
      ? unended.where('id', '=', which.sessionId)
      : unended.where('user_id', '=', which.userId)
  ).execute();
}

/** Why a session no longer admits its tokens, or undefined while it does. */
export async function sessionEnded(
  db: Kysely<ServerDatabase>,
  sessionId: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('sessions')
    .select(['revoked_at', 'revoked_reason'])
    .where('id', '=', sessionId)
    .executeTakeFirst();
  if (!row) return 'unknown';
  return row.revoked_at === null ? undefined : (row.revoked_reason ?? 'revoked');
}
