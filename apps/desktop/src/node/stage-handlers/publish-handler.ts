import { existsSync, statSync } from 'node:fs';
import {
  ERROR_CODES,
  findUserFacingCause,
  isAbortError,
  UserFacingError,
  describeFailure,
} from '@kirinuki/contracts';
import type { PublishResult } from '@kirinuki/social';
import type { TRPCClient } from '@trpc/client';
import { DeferRun, type StageContext, type StageHandler } from '../orchestrator/stage-handler.js';
import { nextRoomAt, POSTING_WINDOWS } from '../scheduling/posting-windows.js';
import { callStageService } from '../service-process/progress-stream.js';
import { findServiceKilled } from '../service-process/service-killed-error.js';
import { findAccount } from '../social/accounts-repository.js';
import type { Social } from '../social/open-social.js';
import { writePostEvent } from '../social/post-outbox.js';
import { findPost, recentPostTimes, updatePost, type PostRecord } from '../social/posts-repository.js';
import type {
  PublishInput,
  PublishQuestion,
  PublishServiceRouter,
} from '../stage-services/publish/publish-router.js';
import type { PostRenderOutput } from './post-render-handler.js';

/** Fails a post with its reason (and a PostFailed event), then throws the coded error for the job. */
async function failPost(
  social: Social,
  post: PostRecord,
  error: UserFacingError,
  status: 'failed' | 'missed' = 'failed',
): Promise<never> {
  const described = error.toJSON();
  await social.db.transaction().execute(async (trx) => {
    await updatePost(trx, post.id, { status, error: described });
    await writePostEvent(
      trx,
      'PostFailed',
      post,
      { postId: post.id, clipId: post.clipId, platform: post.platform, error: described },
      String(Date.now()),
    );
  });
  await social.flushEvents();
  throw error;
}

/** Holds a post until its account is connected again (and a PostHeld event), then throws for the job. */
async function holdPost(social: Social, post: PostRecord, error: UserFacingError): Promise<never> {
  const described = error.toJSON();
  await social.db.transaction().execute(async (trx) => {
    await updatePost(trx, post.id, { status: 'held', error: described });
    await writePostEvent(
      trx,
      'PostHeld',
      post,
      {
        postId: post.id,
        clipId: post.clipId,
        platform: post.platform,
        accountId: post.accountId,
        error: described,
      },
      String(Date.now()),
    );
  });
  await social.flushEvents();
  throw error;
}

/**
 * With pacing on, a post that would put its account past the platform's posting window waits (the
 * job deferred, the post saying why) until the window has room. Posts going out at the same moment
 * on other net slots may each pass this look once; the platform's own limit answer covers that.
 */
async function waitForRoom(social: Social, post: PostRecord): Promise<void> {
  if (post.uploadState || !(await social.settings())['scheduling.pacing']) return;
  const window = POSTING_WINDOWS[post.platform];
  const now = Date.now();
  const since = new Date(now - window.windowSec * 1000).toISOString();
  const until = nextRoomAt(
    post.platform,
    now,
    await recentPostTimes(social.db, post.accountId, since, post.id),
  );
  if (until === null) {
    if (post.error?.code === 'POST_PACED') await updatePost(social.db, post.id, { error: null });
    return;
  }
  const reason = {
    code: 'POST_PACED' as const,
    message: `${window.what}: post ${post.id} waits until ${new Date(until).toISOString()}.`,
    hint: ERROR_CODES.POST_PACED,
  };
  await updatePost(social.db, post.id, { error: reason });
  throw new DeferRun(until, reason);
}

/**
 * The publish stage of a post: the publish service uploads the render and makes the post, asking
 * this host for access tokens and to save each step's state (before the next step) in social.db.
 * A run after a kill resumes from that state, so one record never makes two posts. A post already
 * published answers at once. A failure the platform or the user must act on fails the post with
 * its reason; a kill or a cancel is not a failure.
 */
export function publishHandler(deps: {
  social: Social;
  client: TRPCClient<PublishServiceRouter>;
  /** Whether the post's clip is still in the library (its video may have been removed meanwhile). */
  clipExists: (clipId: string) => Promise<boolean>;
}): StageHandler {
  const { social } = deps;
  return {
    stage: 'publish',
    run: async (ctx: StageContext): Promise<PublishResult> => {
      const post = await findPost(social.db, ctx.subject.id);
      if (!post) throw new UserFacingError('NOT_FOUND', `No post with id ${ctx.subject.id}.`);
      if (post.status === 'published' && post.remoteId)
        return { remoteId: post.remoteId, url: post.url, status: 'published' };
      if (post.status === 'cancelled')
        throw new UserFacingError('CANCELLED', `Post ${post.id} was cancelled.`);
      // A scheduled post that never started and whose time is long past is missed, not sent late.
      if (post.status === 'scheduled' && post.at && !post.uploadState) {
        const lateMs = Date.now() - Date.parse(post.at);
        const limitMin = (await social.settings())['scheduling.lateLimitMinutes'];
        if (lateMs > limitMin * 60_000)
          return failPost(
            social,
            post,
            new UserFacingError(
              'POST_MISSED',
              `Post ${post.id} was due at ${post.at}, ${Math.round(lateMs / 60_000)} min ago (more than the ${limitMin} min a post may be late).`,
            ),
            'missed',
          );
      }
      const account = await findAccount(social.db, post.accountId);
      if (!account)
        return failPost(
          social,
          post,
          new UserFacingError(
            'ACCOUNT_NOT_CONNECTED',
            `The ${post.platform} account of post ${post.id} was removed.`,
          ),
        );
      if (account.status === 'reconnect')
        return holdPost(
          social,
          post,
          new UserFacingError(
            'ACCOUNT_RECONNECT_NEEDED',
            `The ${post.platform} account ${account.name} must be connected again; post ${post.id} waits until then.`,
          ),
        );
      await waitForRoom(social, post);
      const rendered = ctx.inputs['post-render'] as PostRenderOutput | undefined;
      const file = rendered?.file ?? post.renderFile;
      if (!file || !post.adapted)
        throw new UserFacingError('INTERNAL', `Post ${post.id} has no render or adapted post to publish.`);
      // The clip (its video) was removed from the library after the post was made: not sent.
      if (!existsSync(file) || (!post.uploadState && !(await deps.clipExists(post.clipId))))
        return failPost(
          social,
          post,
          new UserFacingError(
            'NOT_FOUND',
            `The clip of post ${post.id} is no longer in the library (its video was removed) before the post went out.`,
            { hint: 'Import the video again and schedule the clip anew; this post cannot be sent.' },
          ),
        );
      const size = statSync(file).size;
      await updatePost(social.db, post.id, { status: 'uploading', error: null });
      const input: PublishInput = {
        platform: post.platform,
        origin: await social.platforms.originOf(post.platform),
        post: post.adapted,
        file: { path: file, size },
        resume: post.uploadState,
        tokenExtra: social.vault.load(account.id)?.extra ?? {},
      };
      let result: PublishResult;
      try {
        result = await callStageService<PublishInput, PublishResult>(
          (i, o) => deps.client.publish.subscribe(i, o),
          input,
          {
            signal: ctx.signal,
            jobId: ctx.jobId,
            reportProgress: (fraction, detail) => {
              ctx.reportProgress(fraction, detail);
              void updatePost(social.db, post.id, { bytesSent: Math.round(fraction * size) }).catch(
                () => undefined,
              );
            },
            onAsk: async (question) => {
              const q = question as PublishQuestion;
              if (q.kind === 'access-token')
                return social.vault.accessToken((await findAccount(social.db, account.id)) ?? account, {
                  fresh: q.fresh,
                });
              await updatePost(social.db, post.id, {
                uploadState: q.state,
                status: q.state.step === 'processing' ? 'processing' : 'uploading',
              });
              return true;
            },
            answer: (id, outcome) =>
              deps.client.answer.mutate({ id, outcome }, { context: { correlationId: ctx.jobId } }),
          },
        );
      } catch (error) {
        // A kill (of this host or the service) or a cancel: the state saved so far resumes it.
        if (ctx.signal.aborted || isAbortError(error) || findServiceKilled(error)) throw error;
        const { error: described } = describeFailure(error);
        // The platform is busy until a known time (a rate limit resetting minutes away): the post
        // gives its upload slot back and comes back then, its upload state kept; not an attempt.
        const retryAt = findUserFacingCause(error)?.retryAt;
        if (retryAt !== undefined) {
          const reason = { code: described.code, message: described.message, hint: described.hint };
          await updatePost(social.db, post.id, { status: 'queued', error: reason });
          throw new DeferRun(retryAt, reason);
        }
        if (described.code === 'ACCOUNT_RECONNECT_NEEDED')
          return holdPost(
            social,
            post,
            new UserFacingError(described.code, described.message, { hint: described.hint, cause: error }),
          );
        return failPost(
          social,
          post,
          new UserFacingError(described.code, described.message, { hint: described.hint, cause: error }),
        );
      }
      await social.db.transaction().execute(async (trx) => {
        await updatePost(trx, post.id, {
          status: result.status,
          remoteId: result.remoteId,
          url: result.url,
          error: null,
          bytesSent: size,
        });
        if (result.status === 'published')
          await writePostEvent(trx, 'PostPublished', post, {
            postId: post.id,
            clipId: post.clipId,
            platform: post.platform,
            remoteId: result.remoteId,
            url: result.url,
          });
      });
      await social.flushEvents();
      return result;
    },
  };
}
