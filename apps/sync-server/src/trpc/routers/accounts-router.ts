import { router, teamProcedure } from '../trpc.js';

export const accountsRouter = router({
  /** The team's connected platform accounts: names and state only, never a token. */
  list: teamProcedure('accounts.read').query(async ({ ctx, input }) => {
    const rows = await ctx.deps.db
      .selectFrom('team_accounts')
      .select(['id', 'platform', 'display_name', 'status', 'connected_by', 'connected_at'])
      .where('team_id', '=', input.teamId)
      .orderBy('connected_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      platform: r.platform,
      displayName: r.display_name,
      status: r.status,
      connectedBy: r.connected_by,
      connectedAt: r.connected_at,
    }));
  }),
});
