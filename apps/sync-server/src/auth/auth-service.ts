import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { UserFacingError } from '@kirinuki/contracts';
import type { ServerDatabase } from '../db/server-tables.js';
import { createTeam, teamsOfUser, type TeamOfUser } from '../teams/teams-repository.js';
import {
  ACCESS_TOKEN_SECONDS,
  signAccessToken,
  verifyAccessToken,
  type AccessClaims,
} from './access-tokens.js';
import { loginLockedUntil, recordLoginFailure } from './login-failures.js';
import { checkNewPassword, hashPassword, verifyPassword } from './passwords.js';
import { revokeSessions, rotateRefreshToken, sessionEnded, startSession } from './sessions.js';

export interface AuthDeps {
  db: Kysely<ServerDatabase>;
  jwtSigningKey: Uint8Array;
  now: () => number;
}

export interface PublicUser {
  id: string;
  email: string;
  createdAt: number;
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Seconds the access token is good for. */
  expiresIn: number;
}

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();

async function tokens(deps: AuthDeps, claims: AccessClaims, refreshToken: string): Promise<TokenPair> {
  return {
    accessToken: await signAccessToken(deps.jwtSigningKey, claims, deps.now()),
    refreshToken,
    expiresIn: ACCESS_TOKEN_SECONDS,
  };
}

export async function register(
  deps: AuthDeps,
  input: { email: string; password: string; teamName: string },
): Promise<{ user: PublicUser; team: TeamOfUser } & TokenPair> {
  checkNewPassword(input.password);
  const email = normalizeEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  const now = deps.now();
  const taken = () => new UserFacingError('EMAIL_TAKEN', `An account with ${email} exists already.`);
  if (await deps.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst())
    throw taken();
  const id = randomUUID();
  try {
    return await deps.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('users')
        .values({ id, email, password_hash: passwordHash, created_at: now, password_changed_at: now })
        .execute();
      const team = await createTeam(trx, id, input.teamName.trim(), now);
      const session = await startSession(trx, id, now);
      return {
        user: { id, email, createdAt: now },
        team,
        ...(await tokens(
          { ...deps, db: trx },
          { userId: id, sessionId: session.sessionId },
          session.refreshToken,
        )),
      };
    });
  } catch (error) {
    // Two registrations racing for one email: the unique index decides, the loser hears why.
    if (await deps.db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst())
      throw taken();
    throw error;
  }
}

export async function login(
  deps: AuthDeps,
  input: { email: string; password: string },
): Promise<{ user: PublicUser; teams: TeamOfUser[] } & TokenPair> {
  const email = normalizeEmail(input.email);
  const lockedUntil = await loginLockedUntil(deps.db, email, deps.now());
  if (lockedUntil !== undefined) {
    throw new UserFacingError(
      'TOO_MANY_ATTEMPTS',
      `Too many failed sign-ins for ${email} in the last 15 minutes.`,
      {
        retryAt: lockedUntil,
      },
    );
  }
  const user = await deps.db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  if (!(await verifyPassword(user?.password_hash, input.password)) || !user) {
    await recordLoginFailure(deps.db, email, deps.now());
    throw new UserFacingError('INVALID_CREDENTIALS', 'The email or the password is not right.');
  }
  const session = await startSession(deps.db, user.id, deps.now());
  return {
    user: { id: user.id, email: user.email, createdAt: user.created_at },
    teams: await teamsOfUser(deps.db, user.id),
    ...(await tokens(deps, { userId: user.id, sessionId: session.sessionId }, session.refreshToken)),
  };
}

export async function refresh(deps: AuthDeps, refreshToken: string): Promise<TokenPair> {
  const rotation = await rotateRefreshToken(deps.db, refreshToken, deps.now());
  switch (rotation.kind) {
    case 'rotated':
      return tokens(deps, { userId: rotation.userId, sessionId: rotation.sessionId }, rotation.refreshToken);
    case 'reused':
      throw new UserFacingError(
        'REFRESH_TOKEN_REUSED',
        'That refresh token was used already; the sign-in is ended everywhere.',
      );
    case 'revoked':
      throw new UserFacingError('SESSION_REVOKED', 'That sign-in was ended.');
    case 'expired':
      throw new UserFacingError(
        'INVALID_REFRESH_TOKEN',
        'The refresh token has expired (they last 30 days).',
      );
    case 'unknown':
      throw new UserFacingError('INVALID_REFRESH_TOKEN', 'The refresh token is not one this server issued.');
  }
}

/** The caller behind an access token whose sign-in is still live (a revoked one answers 401 at once). */
export async function authenticate(deps: AuthDeps, accessToken: string | undefined): Promise<AccessClaims> {
  if (!accessToken) {
    throw new UserFacingError('UNAUTHENTICATED', 'No access token was sent.', {
      hint: 'Send `Authorization: Bearer <accessToken>` from POST /v1/auth/login.',
    });
  }
  const claims = await verifyAccessToken(deps.jwtSigningKey, accessToken, deps.now());
  const ended = await sessionEnded(deps.db, claims.sessionId);
  if (ended) throw new UserFacingError('SESSION_REVOKED', `That sign-in was ended (${ended}).`);
  return claims;
}

export async function logout(deps: AuthDeps, claims: AccessClaims): Promise<void> {
  await revokeSessions(deps.db, { sessionId: claims.sessionId }, 'logout', deps.now());
}

/** A new password ends every sign-in of the account, this one too; the caller gets a fresh pair. */
export async function changePassword(
  deps: AuthDeps,
  claims: AccessClaims,
  input: { currentPassword: string; newPassword: string },
): Promise<TokenPair> {
  checkNewPassword(input.newPassword);
  const user = await deps.db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', claims.userId)
    .executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    throw new UserFacingError('INVALID_CREDENTIALS', 'The current password is not right.');
  }
  const passwordHash = await hashPassword(input.newPassword);
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: passwordHash, password_changed_at: now })
      .where('id', '=', user.id)
      .execute();
    await revokeSessions(trx, { userId: user.id }, 'password-changed', now);
    const session = await startSession(trx, user.id, now);
    return tokens(deps, { userId: user.id, sessionId: session.sessionId }, session.refreshToken);
  });
}

export async function me(
  deps: AuthDeps,
  claims: AccessClaims,
): Promise<{ user: PublicUser; teams: TeamOfUser[] }> {
  const user = await deps.db
    .selectFrom('users')
    .selectAll()
    .where('id', '=', claims.userId)
    .executeTakeFirstOrThrow();
  return {
    user: { id: user.id, email: user.email, createdAt: user.created_at },
    teams: await teamsOfUser(deps.db, user.id),
  };
}
