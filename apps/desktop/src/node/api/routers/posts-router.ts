import { z } from 'zod';
import { POST_STATUSES, PRIVACY_CHOICES, PUBLISH_PLATFORMS, type Post } from '@kirinuki/contracts';
import type { PublishRequest } from '../../use-cases/posts-use-cases.js';
import { publicProcedure, router } from '../trpc.js';

const draft = z.object({
  title: z.string().max(5000).optional(),
  caption: z.string().max(10_000).optional(),
  privacy: z.enum(PRIVACY_CHOICES).optional(),
  allowComments: z.boolean().optional(),
  allowDuet: z.boolean().optional(),
  allowStitch: z.boolean().optional(),
  commercial: z.object({ yourBrand: z.boolean(), brandedContent: z.boolean() }).optional(),
  madeForKids: z.boolean().optional(),
});

/** Where a clip goes and with what: publish's and schedule's input alike. */
const publishInput = z.object({
  clipId: z.string(),
  to: z.array(z.enum(PUBLISH_PLATFORMS)).min(1).max(4),
  accountId: z.string().optional(),
  draft,
  idempotencyKey: z.string().max(100).optional(),
  /** Per platform, its own account and draft fields over `draft` (the publish form's choices). */
  per: z
    .partialRecord(
      z.enum(PUBLISH_PLATFORMS),
      z.object({ accountId: z.string().optional(), draft: draft.optional() }),
    )
    .optional(),
});

/**
 * Without `per`, one request for every platform; with it, one request per platform under the same
 * key (the host keys each post by key and platform), each with its own account and draft.
 */
async function perPlatform(
  input: z.infer<typeof publishInput>,
  send: (request: PublishRequest) => Promise<Post[]>,
): Promise<Post[]> {
  const { per, ...request } = input;
  if (!per) return send(request);
  const posts: Post[] = [];
  for (const platform of new Set(request.to)) {
    const own = per[platform];
    posts.push(
      ...(await send({
        ...request,
        to: [platform],
        accountId: own?.accountId ?? request.accountId,
        draft: { ...request.draft, ...own?.draft },
      })),
    );
  }
  return posts;
}

export const postsRouter = router({
  list: publicProcedure
    .input(
      z
        .object({ status: z.array(z.enum(POST_STATUSES)).optional(), clipId: z.string().optional() })
        .optional(),
    )
    .query(async ({ ctx, input }) => ({ posts: await ctx.host.posts.list(input ?? {}) })),
  get: publicProcedure
    .input(z.object({ id: z.string() }))
    .query(async ({ ctx, input }) => ({ post: await ctx.host.posts.get(input.id) })),
  /** What each platform accepts now for an account (privacy options, durations, quota), for the publish form. */
  limits: publicProcedure
    .input(z.object({ accountId: z.string() }))
    .query(async ({ ctx, input }) => ({ limits: await ctx.host.posts.limits(input.accountId) })),
  /**
   * Publishes a clip to each platform: the posts are recorded and queued at once (answered here);
   * their progress is on jobs.progress and their state on posts.list.
   */
  publish: publicProcedure.input(publishInput).mutation(async ({ ctx, input }) => ({
    posts: await perPlatform(input, (request) => ctx.host.posts.queue(request, null)),
  })),
  /**
   * Schedules a clip to platforms at a time (ISO 8601, or a local time in `timezone`): the renders
   * are queued now, the posts wait for their time; warnings name a platform window it would exceed.
   */
  schedule: publicProcedure
    .input(publishInput.extend({ at: z.string().min(1).max(100), timezone: z.string().max(100).optional() }))
    .mutation(async ({ ctx, input }) => {
      const { at, timezone, ...request } = input;
      const warnings: string[] = [];
      const posts = await perPlatform(request, async (one) => {
        const made = await ctx.host.posts.schedule(one, { at, timezone });
        warnings.push(...made.warnings);
        return made.posts;
      });
      return { posts, warnings };
    }),
  reschedule: publicProcedure
    .input(
      z.object({ id: z.string(), at: z.string().min(1).max(100), timezone: z.string().max(100).optional() }),
    )
    .mutation(async ({ ctx, input }) => ({
      post: await ctx.host.posts.reschedule(input.id, { at: input.at, timezone: input.timezone }),
    })),
  retry: publicProcedure
    .input(z.object({ id: z.string() }))
    .mutation(async ({ ctx, input }) => ({ post: await ctx.host.posts.retry(input.id) })),
  cancel: publicProcedure
    .input(z.object({ id: z.string() }))
    .mutation(async ({ ctx, input }) => ({ post: await ctx.host.posts.cancel(input.id) })),
});
