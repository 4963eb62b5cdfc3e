/** Roles from least to most; each may do all the one below it may. */
export const TEAM_ROLES = ['viewer', 'editor', 'admin', 'owner'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

/** The one permission table: each action and the least role that may take it. */
export const TEAM_PERMISSIONS = {
  'team.read': 'viewer',
  'posts.read': 'viewer',
  'accounts.read': 'viewer',
  'posts.write': 'editor',
  'accounts.connect': 'admin',
  'members.invite': 'admin',
  'members.manage': 'admin',
  'team.transfer': 'owner',
  'team.delete': 'owner',
} as const satisfies Record<string, TeamRole>;
export type TeamPermission = keyof typeof TEAM_PERMISSIONS;

export const roleRank = (role: TeamRole): number => TEAM_ROLES.indexOf(role);

export function isTeamRole(value: unknown): value is TeamRole {
  return typeof value === 'string' && (TEAM_ROLES as readonly string[]).includes(value);
}

export function roleMay(role: TeamRole, permission: TeamPermission): boolean {
  return roleRank(role) >= roleRank(TEAM_PERMISSIONS[permission]);
}

/**
 * Whether `actor` may give `target` (now holding `current`, or joining when undefined) the role
 * `next`: never above the actor's own, owners only by a hand-over, and an owner's role only by them.
 */
export function mayAssignRole(actor: TeamRole, current: TeamRole | undefined, next: TeamRole): boolean {
  if (!roleMay(actor, 'members.manage') && !roleMay(actor, 'members.invite')) return false;
  if (next === 'owner' || current === 'owner') return false;
  return roleRank(next) <= roleRank(actor);
}
