import { z } from 'zod';
import { UserFacingError } from '@kirinuki/contracts';
import {
  acceptInvite,
  createInvite,
  createTeam,
  deleteTeam,
  removeMember,
  roleInTeam,
  setMemberRole,
  teamMembers,
  teamsOfUser,
} from '../../teams/teams-repository.js';
import { mayAssignRole, TEAM_ROLES } from '../../teams/team-roles.js';
import { authedProcedure, router, teamProcedure } from '../trpc.js';

const TeamName = z.string().trim().min(1).max(100);
const UserId = z.string().min(1).max(64);
const JoinRole = z.enum(TEAM_ROLES.filter((r) => r !== 'owner') as ['viewer', 'editor', 'admin']);

export const teamsRouter = router({
  list: authedProcedure.query(({ ctx }) => teamsOfUser(ctx.deps.db, ctx.caller.userId)),

  create: authedProcedure
    .input(z.object({ name: TeamName }))
    .mutation(({ ctx, input }) => createTeam(ctx.deps.db, ctx.caller.userId, input.name, ctx.deps.now())),

  members: teamProcedure('team.read').query(({ ctx, input }) => teamMembers(ctx.deps.db, input.teamId)),

  /** A single-use link's secret for joining with `role`; shown this once. */
  invite: teamProcedure('members.invite')
    .input(z.object({ role: JoinRole }))
    .mutation(async ({ ctx, input }) => {
      if (!mayAssignRole(ctx.role, undefined, input.role)) {
        throw new UserFacingError('FORBIDDEN', `A ${ctx.role} may not invite an ${input.role}.`);
      }
      return createInvite(
        ctx.deps.db,
        { teamId: input.teamId, role: input.role, createdBy: ctx.caller.userId },
        ctx.deps.now(),
      );
    }),

  acceptInvite: authedProcedure
    .input(z.object({ token: z.string().min(1).max(100) }))
    .mutation(async ({ ctx, input }) => {
      const team = await acceptInvite(ctx.deps.db, input.token, ctx.caller.userId, ctx.deps.now());
      if (!team)
        throw new UserFacingError(
          'INVITE_INVALID',
          'That invite link was used already, has expired, or never existed.',
        );
      return team;
    }),

  setRole: teamProcedure('members.manage')
    .input(z.object({ userId: UserId, role: JoinRole }))
    .mutation(async ({ ctx, input }) => {
      const current = await roleInTeam(ctx.deps.db, input.teamId, input.userId);
      if (!current) throw new UserFacingError('NOT_FOUND', 'That person is not in this team.');
      if (current === 'owner') {
        throw new UserFacingError('LAST_OWNER', 'An owner’s role changes only when they hand the team over.');
      }
      if (!mayAssignRole(ctx.role, current, input.role)) {
        throw new UserFacingError('FORBIDDEN', `A ${ctx.role} may not make someone an ${input.role}.`);
      }
      await setMemberRole(ctx.deps.db, input.teamId, input.userId, input.role);
      return { userId: input.userId, role: input.role };
    }),

  removeMember: teamProcedure('members.manage')
    .input(z.object({ userId: UserId }))
    .mutation(async ({ ctx, input }) => {
      const current = await roleInTeam(ctx.deps.db, input.teamId, input.userId);
      if (!current) throw new UserFacingError('NOT_FOUND', 'That person is not in this team.');
      if (current === 'owner')
        throw new UserFacingError('LAST_OWNER', 'The owner cannot be removed; they can hand the team over.');
      if (current === 'admin' && ctx.role !== 'owner') {
        throw new UserFacingError('FORBIDDEN', 'Only the owner removes an admin.');
      }
      await removeMember(ctx.deps.db, input.teamId, input.userId);
      return { removed: input.userId };
    }),

  /** The owner hands the team to another member, and becomes an admin. */
  transfer: teamProcedure('team.transfer')
    .input(z.object({ userId: UserId }))
    .mutation(async ({ ctx, input }) => {
      if (input.userId === ctx.caller.userId)
        throw new UserFacingError('INVALID_REQUEST', 'You own the team already.');
      if (!(await roleInTeam(ctx.deps.db, input.teamId, input.userId))) {
        throw new UserFacingError('NOT_FOUND', 'That person is not in this team; invite them first.');
      }
      await ctx.deps.db.transaction().execute(async (trx) => {
        await setMemberRole(trx, input.teamId, input.userId, 'owner');
        await setMemberRole(trx, input.teamId, ctx.caller.userId, 'admin');
      });
      return { owner: input.userId };
    }),

  delete: teamProcedure('team.delete').mutation(async ({ ctx, input }) => {
    await deleteTeam(ctx.deps.db, input.teamId);
    return { deleted: input.teamId };
  }),
});
