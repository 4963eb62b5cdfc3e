import { router, teamProcedure } from '../trpc.js';

export const postsRouter = router({
  /** The team's server-side posts, soonest first. */
  list: teamProcedure('posts.read').query(async ({ ctx, input }) => {
    const rows = await ctx.deps.db
      .selectFrom('team_posts')
      .selectAll()
      .where('team_id', '=', input.teamId)
      .orderBy('due_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      clipId: r.clip_id,
      platform: r.platform,
      accountId: r.account_id,
      title: r.title,
      status: r.status,
      at: r.due_at,
      createdBy: r.created_by,
      updatedAt: r.updated_at,
    }));
  }),
});
