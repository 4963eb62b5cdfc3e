import { abortError, UserFacingError } from '@kirinuki/contracts';
import { PlatformRequestError } from '../http/platform-error.js';
import { withRetries } from '../http/upload-retry.js';
import type { PlatformPost, PublishContext, PublishResult } from '../platform-client.js';
import type { YouTubePostOptions } from './youtube-adapt.js';
import { CHUNK_GRANULE, shortsUrl } from './youtube-endpoints.js';
import { toUserError } from './youtube-errors.js';
import { findUploadedVideo } from './youtube-reconcile.js';
import {
  querySession,
  sendChunk,
  startSession,
  type SessionAnswer,
  type SessionHttp,
  type YouTubeVideo,
} from './youtube-session.js';

/**
 * What is saved before each next step. `session`: the session URI, before any byte is sent.
 * `uploading`: bytes YouTube acknowledged. `finishing`: the last chunk is about to go, so from
 * here on YouTube may have made the video even if no answer came back (`finalChunkSent` stays
 * true). `published`: the video id, before the result is returned.
 */
export type YouTubeUploadState = {
  step: 'session' | 'uploading' | 'finishing' | 'published';
  sessionUri: string;
  bytesTotal: number;
  acked: number;
  finalChunkSent: boolean;
  /** When the session was opened (epoch ms): only uploads since then can be this one. */
  startedAt: number;
  videoId?: string;
};

export interface UploadDeps {
  fetch: typeof fetch;
  origin: string | null | undefined;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  now: () => number;
  chunkBytes: number;
}

/** A session that 404s again and again is a fault of its own, not a reason to loop. */
const MAX_SESSIONS_PER_RUN = 3;

function stateOf(resume: PublishContext['resume'], size: number): YouTubeUploadState | null {
  if (!resume) return null;
  const s = resume as Partial<YouTubeUploadState>;
  const known = ['session', 'uploading', 'finishing', 'published'].includes(String(s.step));
  const complete = s.step === 'published' ? typeof s.videoId === 'string' : typeof s.sessionUri === 'string';
  if (!known || !complete)
    throw new UserFacingError(
      'INTERNAL',
      `The saved YouTube upload state is not one this version knows (${s.step}).`,
    );
  if (s.step !== 'published' && s.bytesTotal !== size)
    throw new UserFacingError(
      'FILE_CHANGED',
      `The clip's file is ${size} bytes now, but the upload YouTube holds was ${s.bytesTotal} bytes.`,
      { hint: 'Render the clip again and post it as a new post; the half-sent upload is left to expire.' },
    );
  return resume as YouTubeUploadState;
}

/** The video resource videos.insert takes: snippet and status, as YouTube names them. */
export function videoResource(post: PlatformPost) {
  const options = post.options as Partial<YouTubePostOptions>;
  if (typeof options.selfDeclaredMadeForKids !== 'boolean' || !post.title)
    throw new UserFacingError(
      'INTERNAL',
      'The YouTube post was not adapted (no title or made-for-kids answer).',
    );
  return {
    snippet: {
      title: post.title,
      description: post.text,
      tags: options.tags ?? [],
      categoryId: options.categoryId ?? '22',
    },
    status: {
      privacyStatus: post.privacy ?? 'public',
      selfDeclaredMadeForKids: options.selfDeclaredMadeForKids,
    },
  };
}

/** The upload made a video; YouTube's verdict on it decides between a post and a clear failure. */
function verdict(video: YouTubeVideo): void {
  const status = video.status?.uploadStatus;
  if (status === 'failed')
    throw new UserFacingError(
      'PLATFORM_REJECTED',
      `YouTube could not process the video (${video.status?.failureReason ?? 'no reason given'}).`,
      {
        hint: 'Render the clip again (H.264/AAC MP4) and post it again; YouTube Studio shows the failed upload.',
      },
    );
  if (status === 'rejected')
    throw new UserFacingError(
      'PLATFORM_REJECTED',
      `YouTube rejected the video (${video.status?.rejectionReason ?? 'no reason given'}).`,
      { hint: 'YouTube Studio says why; change what it names and post again.' },
    );
}

export async function publishToYouTube(
  post: PlatformPost,
  ctx: PublishContext,
  deps: UploadDeps,
): Promise<PublishResult> {
  try {
    return await publish(post, ctx, deps);
  } catch (error) {
    throw toUserError(error);
  }
}

async function publish(post: PlatformPost, ctx: PublishContext, deps: UploadDeps): Promise<PublishResult> {
  if (deps.chunkBytes <= 0 || deps.chunkBytes % CHUNK_GRANULE !== 0)
    throw new UserFacingError(
      'INTERNAL',
      `A YouTube chunk must be a multiple of 256 KiB, not ${deps.chunkBytes}.`,
    );
  const total = ctx.file.size;
  let state = stateOf(ctx.resume, total);
  if (state?.step === 'published' && state.videoId) return resultOf(state.videoId, total, ctx);
  const resource = videoResource(post);
  const http: SessionHttp = { fetch: deps.fetch, origin: deps.origin, signal: ctx.signal };
  const retry = {
    signal: ctx.signal,
    sleep: deps.sleep,
    now: deps.now,
    onAuthFailure: async () => {
      await ctx.accessToken({ fresh: true });
    },
  };
  const save = async (next: YouTubeUploadState) => {
    state = next;
    await ctx.saveState(next);
  };
  const finish = async (video: YouTubeVideo) => {
    verdict(video);
    await save({ ...state!, step: 'published', videoId: video.id, acked: total });
    return resultOf(video.id, total, ctx);
  };

  for (let sessions = 0; ;) {
    if (!state) {
      if ((sessions += 1) > MAX_SESSIONS_PER_RUN)
        throw new PlatformRequestError('YouTube kept losing the upload session', 'transient', 404);
      const uri = await withRetries(
        async () => startSession(http, await ctx.accessToken(), resource, total),
        () => 0,
        retry,
      );
      const fresh: YouTubeUploadState = {
        step: 'session',
        sessionUri: uri,
        bytesTotal: total,
        acked: 0,
        finalChunkSent: false,
        startedAt: deps.now(),
      };
      await save(fresh);
    }
    const resumed = state!.sessionUri === ctx.resume?.sessionUri;
    const answer = await sendRest(state!, resumed, ctx, http, deps, retry, save);
    if (answer.kind === 'complete') return finish(answer.video);
    // The session is gone. Before the last chunk went, no video can exist: a new session is safe.
    // After it, only the channel's uploads can say whether YouTube made the video.
    if (state!.finalChunkSent) {
      const gone = state!;
      const found = await withRetries(
        async () =>
          findUploadedVideo(http, await ctx.accessToken(), {
            title: resource.snippet.title,
            size: total,
            since: gone.startedAt,
          }),
        () => 0,
        retry,
      );
      if (found) return finish(found);
    }
    state = null;
  }
}

/** Sends what the session lacks, asking it first after a resume or any failure. */
async function sendRest(
  start: YouTubeUploadState,
  resumed: boolean,
  ctx: PublishContext,
  http: SessionHttp,
  deps: UploadDeps,
  retry: Parameters<typeof withRetries>[2],
  save: (state: YouTubeUploadState) => Promise<void>,
): Promise<Exclude<SessionAnswer, { kind: 'incomplete' }>> {
  const total = start.bytesTotal;
  let state = start;
  // A resumed session may hold more than was saved (the answer to the last chunk was lost).
  let mustAsk = resumed;
  const acknowledge = async (received: number) => {
    ctx.onProgress({ bytesSent: received, bytesTotal: total, stage: 'uploading' });
    if (received === state.acked) return;
    state = { ...state, step: state.finalChunkSent ? 'finishing' : 'uploading', acked: received };
    await save(state);
  };
  ctx.onProgress({ bytesSent: state.acked, bytesTotal: total, stage: 'uploading' });

  const step = async (): Promise<Exclude<SessionAnswer, { kind: 'incomplete' }> | null> => {
    const token = await ctx.accessToken();
    if (mustAsk) {
      const asked = await querySession(http, token, state.sessionUri, total);
      if (asked.kind !== 'incomplete') return asked;
      mustAsk = false;
      await acknowledge(asked.received);
    }
    const from = state.acked;
    if (from >= total) {
      // Every byte is there but no video came back yet: ask again rather than send nothing.
      mustAsk = true;
      throw new PlatformRequestError(
        'YouTube holds every byte but has not answered with the video',
        'transient',
        308,
      );
    }
    const to = Math.min(from + deps.chunkBytes, total);
    if (to === total && !state.finalChunkSent) {
      state = { ...state, step: 'finishing', finalChunkSent: true };
      await save(state);
    }
    let answer: SessionAnswer;
    try {
      answer = await sendChunk(http, token, state.sessionUri, ctx.file, from, to);
    } catch (error) {
      // Some of the chunk may have landed: ask before sending again.
      mustAsk = true;
      throw error;
    }
    if (answer.kind !== 'incomplete') return answer;
    if (answer.received <= from) {
      mustAsk = true;
      throw new PlatformRequestError('YouTube kept none of the chunk', 'transient', 308);
    }
    await acknowledge(answer.received);
    return null;
  };

  for (;;) {
    if (ctx.signal.aborted) throw abortError();
    const done = await withRetries(step, () => state.acked, retry);
    if (done) return done;
  }
}

function resultOf(videoId: string, total: number, ctx: PublishContext): PublishResult {
  ctx.onProgress({ bytesSent: total, bytesTotal: total, stage: 'published' });
  return { remoteId: videoId, url: shortsUrl(videoId), status: 'published' };
}
