import {
  PLATFORM_PRESETS,
  POST_STATUSES,
  PRESET_OF,
  UserFacingError,
  type Post,
  type PostDraft,
  type PostStatus,
  type PublishPlatform,
} from '@kirinuki/contracts';
import { ulid } from '../ids/ulid.js';
import { setClipStatus } from '../clips/clip-edits.js';
import { findClip } from '../clips/clips-repository.js';
import type { HostParts } from '../host/host-parts.js';
import { POST_STAGES } from '../orchestrator/pipeline-stages.js';
import { existingRender } from '../stage-handlers/post-render-handler.js';
import { listAccounts } from '../social/accounts-repository.js';
import { requireAccount } from '../social/open-social.js';
import { writePostEvent } from '../social/post-outbox.js';
import {
  findPost,
  insertPost,
  countPosts,
  listPosts,
  pendingTimesNear,
  publicPost,
  updatePost,
  type PostRecord,
} from '../social/posts-repository.js';
import { parseScheduleTime } from '../../common/scheduling/schedule-time.js';
import { POSTING_WINDOWS, postingWindowWarning } from '../scheduling/posting-windows.js';
import { readSettings } from '../library/settings-repository.js';

export interface PublishRequest {
  clipId: string;
  to: readonly PublishPlatform[];
  /** Which connected account, where a platform has several. */
  accountId?: string | undefined;
  draft: PostDraft;
  /** Names the request: asked again with the same key, the same posts come back (no second post). */
  idempotencyKey?: string | undefined;
}

const post = (id: string) => ({ kind: 'post' as const, id });
const RETRYABLE = new Set<PostStatus>(['failed', 'cancelled', 'missed', 'held']);

/** Queues a post again from where its jobs stopped: scheduled while its time is ahead, else now. */
async function requeuePost(parts: HostParts, found: PostRecord): Promise<void> {
  const { orchestrator } = parts.pipeline;
  await updatePost(parts.social.db, found.id, {
    status: found.at && Date.parse(found.at) > Date.now() ? 'scheduled' : 'queued',
    error: null,
  });
  const jobs = await orchestrator.list({ subjectKind: 'post', subjectId: found.id });
  const stuck = jobs
    .filter((j) => j.status === 'failed' || j.status === 'cancelled')
    .sort((a, b) => POST_STAGES.indexOf(a.stage) - POST_STAGES.indexOf(b.stage));
  if (stuck[0]) await orchestrator.retry(stuck[0].id);
  else if (!jobs.length)
    await orchestrator.enqueue({ subject: post(found.id), videoId: found.videoId }, POST_STAGES);
  parts.runner.kick();
}

/** An account connected again: the posts it held go out (each at its time, or now when that passed). */
export async function releaseHeldPosts(parts: HostParts, accountId: string): Promise<number> {
  const held = await listPosts(parts.social.db, { accountId, status: ['held'] });
  for (const found of held) await requeuePost(parts, found);
  return held.length;
}

/** Publishing clips: one post per platform, each a record before any network call, then its jobs. */
export function createPostsUseCases(parts: HostParts) {
  const { social, library, pipeline, runner } = parts;
  const { orchestrator } = pipeline;

  const requirePost = async (id: string) => {
    const found = await findPost(social.db, id);
    if (!found)
      throw new UserFacingError('NOT_FOUND', `No post with id ${id}.`, {
        hint: 'Run `kirinuki posts list` to see the posts.',
      });
    return found;
  };

  const accountFor = async (platform: PublishPlatform, accountId: string | undefined) => {
    const accounts = await listAccounts(social.db, { platform });
    const chosen = accountId
      ? accounts.find((a) => a.id === accountId)
      : accounts.length === 1
        ? accounts[0]
        : undefined;
    if (chosen) return chosen;
    if (!accounts.length || accountId)
      throw new UserFacingError(
        'ACCOUNT_NOT_CONNECTED',
        `No ${platform} account${accountId ? ` with id ${accountId}` : ''} is connected.`,
        {
          hint: `Connect one: \`kirinuki accounts connect ${platform}\`.`,
        },
      );
    throw new UserFacingError(
      'INVALID_ARGUMENT',
      `${accounts.length} ${platform} accounts are connected: say which.`,
      {
        hint: `Pass --account with one of: ${accounts.map((a) => `${a.id} (${a.name})`).join(', ')}.`,
      },
    );
  };

  /** Creates (or finds, by key) the posts of one request and queues their jobs; nothing waits here. */
  const queue = async (request: PublishRequest, at: string | null): Promise<Post[]> => {
    const clip = await findClip(library.db, request.clipId);
    if (!clip)
      throw new UserFacingError('NOT_FOUND', `No clip with id ${request.clipId}.`, {
        hint: 'Run `kirinuki clips list`.',
      });
    if (!request.to.length)
      throw new UserFacingError('INVALID_ARGUMENT', 'Say where to post: --to tiktok,instagram,youtube,x.');
    const key = request.idempotencyKey ?? ulid();
    const made: Post[] = [];
    for (const platform of new Set(request.to)) {
      const account = await accountFor(platform, request.accountId);
      // What the platform accepts now (privacy options, duration) checks the post before anything is made.
      const client = await social.platforms.client(platform);
      const extra = social.vault.load(account.id)?.extra ?? {};
      const limits = await social.vault.withAccessToken(account, (token) => client.limits(token, extra));
      const preset = PLATFORM_PRESETS[PRESET_OF[platform]];
      // The render's size once it exists; before that, the most the preset's bitrates can make.
      const render = await existingRender(library, clip, preset.name);
      const sizeBytes =
        render?.sizeBytes ?? Math.ceil((clip.duration * (preset.videoMaxBitrate + preset.audioBitrate)) / 8);
      const adapted = client.adapt(
        { ...clip, durationSec: clip.duration, width: preset.width, height: preset.height, sizeBytes },
        request.draft,
        limits,
      );
      const { post: record, created } = await social.db.transaction().execute(async (trx) => {
        const inserted = await insertPost(trx, {
          idempotencyKey: `${key}:${platform}`,
          clipId: clip.id,
          videoId: clip.videoId,
          platform,
          accountId: account.id,
          draft: request.draft,
          status: at ? 'scheduled' : 'queued',
          at,
        });
        if (inserted.created) {
          await updatePost(trx, inserted.post.id, { adapted });
          await writePostEvent(trx, 'PostQueued', inserted.post, {
            postId: inserted.post.id,
            clipId: clip.id,
            videoId: clip.videoId,
            platform,
            accountId: account.id,
            at,
          });
        }
        return inserted;
      });
      // A scheduled post renders now (made or reused), and only its publish waits for the time.
      if (created)
        await orchestrator.enqueue({ subject: post(record.id), videoId: clip.videoId }, POST_STAGES, {
          ...(at ? { notBefore: Date.parse(at), notBeforeStages: ['publish'] } : {}),
        });
      made.push(publicPost((await findPost(social.db, record.id))!));
    }
    // Publishing a proposed clip approves it.
    if (clip.status === 'proposed') await setClipStatus(library.db, [clip.id], 'approved');
    await social.flushEvents();
    runner.kick();
    return made;
  };

  /** A time as the user typed it, read in the zone given, the setting's, or the system's. */
  const readTime = async (text: string, timezone: string | undefined) =>
    parseScheduleTime(text, {
      zone: timezone || (await readSettings(library.db))['scheduling.timezone'] || undefined,
      now: Date.now(),
    });

  return {
    queue,
    /**
     * Schedules a clip to each platform at a time (each call its own posts): the renders are made
     * or reused now, each publish is a job that waits in the queue until then.
     */
    schedule: async (
      request: PublishRequest,
      when: { at: string; timezone?: string | undefined },
    ): Promise<{ posts: Post[]; warnings: string[] }> => {
      const time = await readTime(when.at, when.timezone);
      const posts = await queue(request, time.at);
      // More posts in a platform's window than it takes from one account: said now, not at the time.
      const warnings: string[] = [];
      for (const made of posts) {
        const span = POSTING_WINDOWS[made.platform].windowSec * 1000;
        const others = await pendingTimesNear(
          social.db,
          made.accountId,
          new Date(time.epochMs - span).toISOString(),
          new Date(time.epochMs + span).toISOString(),
          made.id,
        );
        const warning = postingWindowWarning(made.platform, time.epochMs, others);
        if (warning) warnings.push(`${made.platform}: ${warning}`);
      }
      return { posts, warnings };
    },
    /** Until each post's render is made (or failed): what scheduling waits for, never the post itself. */
    settleRenders: async (posts: readonly Post[], signal?: AbortSignal) => {
      for (const p of posts) await runner.settle(post(p.id), signal);
    },
    /** Moves a scheduled post to another time (its publish job with it). */
    reschedule: async (id: string, when: { at: string; timezone?: string | undefined }) => {
      const found = await requirePost(id);
      if (found.status !== 'scheduled')
        throw new UserFacingError('POST_NOT_SCHEDULED', `Post ${id} is ${found.status}, not scheduled.`, {
          hint:
            found.status === 'missed' || found.status === 'failed' || found.status === 'cancelled'
              ? `Retry it (\`kirinuki posts retry ${id}\`) to publish it now.`
              : 'Only a post that has not started can be moved.',
        });
      const time = await readTime(when.at, when.timezone);
      const job = (await orchestrator.list({ subjectKind: 'post', subjectId: id })).find(
        (j) => j.stage === 'publish' && j.status === 'queued',
      );
      if (!job || !(await orchestrator.reschedule(job.id, time.epochMs)))
        throw new UserFacingError('POST_NOT_SCHEDULED', `Post ${id} has started; it can no longer be moved.`);
      await social.db.transaction().execute(async (trx) => {
        await updatePost(trx, id, { at: time.at });
        await writePostEvent(trx, 'PostRescheduled', found, {
          postId: id,
          clipId: found.clipId,
          platform: found.platform,
          from: found.at,
          at: time.at,
        });
      });
      await social.flushEvents();
      runner.kick();
      return publicPost(await requirePost(id));
    },
    /** What a platform accepts now for one of its accounts (privacy options, durations, quota). */
    limits: async (accountId: string) => {
      const account = await requireAccount(social, accountId);
      const client = await social.platforms.client(account.platform);
      const extra = social.vault.load(account.id)?.extra ?? {};
      return social.vault.withAccessToken(account, (token) => client.limits(token, extra));
    },
    /** Publishes a clip to each platform now and waits until each post is published or failed. */
    publish: async (request: PublishRequest, options: { signal?: AbortSignal } = {}): Promise<Post[]> => {
      const queued = await queue(request, null);
      const onAbort = () =>
        void Promise.all(
          queued.map(async (p) =>
            Promise.all(
              (await orchestrator.list({ subjectKind: 'post', subjectId: p.id })).map((j) =>
                orchestrator.cancel(j.id),
              ),
            ),
          ),
        );
      options.signal?.addEventListener('abort', onAbort, { once: true });
      try {
        for (const p of queued) await runner.settle(post(p.id), options.signal);
      } finally {
        options.signal?.removeEventListener('abort', onAbort);
      }
      return Promise.all(queued.map(async (p) => publicPost(await requirePost(p.id))));
    },
    list: async (filter: { status?: readonly PostStatus[]; clipId?: string } = {}) => {
      for (const status of filter.status ?? [])
        if (!(POST_STATUSES as readonly string[]).includes(status))
          throw new UserFacingError('INVALID_ARGUMENT', `"${status}" is not a post status.`, {
            hint: `Use one of: ${POST_STATUSES.join(', ')}.`,
          });
      return (await listPosts(social.db, filter)).map(publicPost);
    },
    /** How many posts are in these states (without reading them: a library may hold 100,000). */
    count: (status: readonly PostStatus[]) => countPosts(social.db, status),
    get: async (id: string) => publicPost(await requirePost(id)),
    /** Queues a failed, cancelled, missed or held post again: it resumes from the state it saved (no second post). */
    retry: async (id: string, options: { wait?: boolean; signal?: AbortSignal } = {}) => {
      const found = await requirePost(id);
      if (!RETRYABLE.has(found.status))
        throw new UserFacingError(
          'INVALID_ARGUMENT',
          `Post ${id} is ${found.status}; only a failed, cancelled, missed or held post can be retried.`,
        );
      await requeuePost(parts, found);
      if (options.wait) await runner.settle(post(id), options.signal);
      return publicPost(await requirePost(id));
    },
    /** Cancels a post that has not gone out (its jobs too); a published post stays published. */
    cancel: async (id: string) => {
      const found = await requirePost(id);
      if (found.status === 'published')
        throw new UserFacingError('INVALID_ARGUMENT', `Post ${id} is already published.`, {
          hint: 'Delete it on the platform itself.',
        });
      for (const job of await orchestrator.list({ subjectKind: 'post', subjectId: id }))
        await orchestrator.cancel(job.id);
      await social.db.transaction().execute(async (trx) => {
        await updatePost(trx, id, { status: 'cancelled' });
        await writePostEvent(trx, 'PostCancelled', found, {
          postId: id,
          clipId: found.clipId,
          platform: found.platform,
        });
      });
      await social.flushEvents();
      return publicPost(await requirePost(id));
    },
  };
}

export type PostsUseCases = ReturnType<typeof createPostsUseCases>;
