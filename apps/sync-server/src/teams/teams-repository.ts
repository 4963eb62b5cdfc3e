import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ServerDatabase } from '../db/server-tables.js';
import { hashToken } from '../auth/sessions.js';
import { isTeamRole, type TeamRole } from './team-roles.js';

export const INVITE_DAYS = 7;

export interface TeamOfUser {
  id: string;
  name: string;
  role: TeamRole;
}

export async function createTeam(
  db: Kysely<ServerDatabase>,
  ownerId: string,
  name: string,
  now: number,
): Promise<TeamOfUser> {
  const id = randomUUID();
  await db.insertInto('teams').values({ id, name, created_at: now }).execute();
  await db
    .insertInto('memberships')
    .values({ team_id: id, user_id: ownerId, role: 'owner', joined_at: now })
    .execute();
  return { id, name, role: 'owner' };
}

export async function teamsOfUser(db: Kysely<ServerDatabase>, userId: string): Promise<TeamOfUser[]> {
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('teams', 'teams.id', 'memberships.team_id')
    .select(['teams.id', 'teams.name', 'memberships.role'])
    .where('memberships.user_id', '=', userId)
    .orderBy('teams.created_at')
    .orderBy('teams.id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, role: asRole(r.role) }));
}

/** The caller's role in the team, or undefined when they are not a member (or it does not exist). */
export async function roleInTeam(
  db: Kysely<ServerDatabase>,
  teamId: string,
  userId: string,
): Promise<TeamRole | undefined> {
  const row = await db
    .selectFrom('memberships')
    .select('role')
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row ? asRole(row.role) : undefined;
}

export async function teamMembers(db: Kysely<ServerDatabase>, teamId: string) {
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('users', 'users.id', 'memberships.user_id')
    .select(['users.id', 'users.email', 'memberships.role', 'memberships.joined_at'])
    .where('memberships.team_id', '=', teamId)
    .orderBy('memberships.joined_at')
    .orderBy('users.id')
    .execute();
  return rows.map((r) => ({ userId: r.id, email: r.email, role: asRole(r.role), joinedAt: r.joined_at }));
}

export async function setMemberRole(
  db: Kysely<ServerDatabase>,
  teamId: string,
  userId: string,
  role: TeamRole,
): Promise<boolean> {
  const result = await db
    .updateTable('memberships')
    .set({ role })
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function removeMember(
  db: Kysely<ServerDatabase>,
  teamId: string,
  userId: string,
): Promise<boolean> {
  const result = await db
    .deleteFrom('memberships')
    .where('team_id', '=', teamId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export async function deleteTeam(db: Kysely<ServerDatabase>, teamId: string): Promise<void> {
  await db.deleteFrom('teams').where('id', '=', teamId).execute();
}

/** An invite link's secret (shown once; only its hash is kept) for joining with `role`. */
export async function createInvite(
  db: Kysely<ServerDatabase>,
  invite: { teamId: string; role: TeamRole; createdBy: string },
  now: number,
): Promise<{ id: string; token: string; expiresAt: number }> {
  const token = randomBytes(24).toString('base64url');
  const id = randomUUID();
  const expiresAt = now + INVITE_DAYS * 86_400_000;
  await db
    .insertInto('invites')
    .values({
      id,
      team_id: invite.teamId,
      token_hash: hashToken(token),
      role: invite.role,
      created_by: invite.createdBy,
      created_at: now,
      expires_at: expiresAt,
      used_at: null,
      used_by: null,
    })
    .execute();
  return { id, token, expiresAt };
}

/**
 * Joins the invite's team, once: the invite is claimed in the statement that checks it is unused
 * and unexpired. A member already in the team keeps the role they have.
 */
export async function acceptInvite(
  db: Kysely<ServerDatabase>,
  token: string,
  userId: string,
  now: number,
): Promise<TeamOfUser | undefined> {
  return db.transaction().execute(async (trx) => {
    const invite = await trx
      .selectFrom('invites')
      .innerJoin('teams', 'teams.id', 'invites.team_id')
      .select(['invites.id', 'invites.team_id', 'invites.role', 'teams.name'])
      .where('invites.token_hash', '=', hashToken(token))
      .executeTakeFirst();
    if (!invite) return undefined;
    const claimed = await trx
      .updateTable('invites')
      .set({ used_at: now, used_by: userId })
      .where('id', '=', invite.id)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) return undefined;
    const current = await roleInTeam(trx, invite.team_id, userId);
    if (current) return { id: invite.team_id, name: invite.name, role: current };
    await trx
      .insertInto('memberships')
      .values({ team_id: invite.team_id, user_id: userId, role: invite.role, joined_at: now })
      .execute();
    return { id: invite.team_id, name: invite.name, role: asRole(invite.role) };
  });
}

function asRole(role: string): TeamRole {
  if (!isTeamRole(role)) throw new Error(`unknown role in the database: ${role}`);
  return role;
}
