import { throwIfAborted, UserFacingError } from '@kirinuki/contracts';
import { PlatformRequestError } from '../http/platform-error.js';
import type { PlatformPost, PublishContext, PublishResult } from '../platform-client.js';
import type { InstagramEndpoints } from './instagram-endpoints.js';
import { InstagramRequestError, NOT_READY_SUBCODE } from './instagram-errors.js';
import { graphCall, graphOnce, type GraphCallOptions } from './instagram-graph.js';
import { findPublishedMedia, readContainer, type ContainerStatus } from './instagram-reconcile.js';
import { checkSameFile, readUploadState, type InstagramUploadState } from './instagram-state.js';
import { uploadFile } from './instagram-upload.js';

export interface PublishDeps {
  fetch: typeof fetch;
  endpoints: InstagramEndpoints;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  now: () => number;
  chunkBytes: number;
  /** First wait between container status reads; it grows to 30 s. */
  pollIntervalMs: number;
  /** How long processing may take before the publish stops (it resumes polling when retried). */
  maxProcessingMs: number;
}

/** media_publish attempts whose outcome stays unclear (dropped, 5xx) before the run gives up. */
const MAX_PUBLISH_ATTEMPTS = 10;
/** Reads of the media list for a container that says PUBLISHED before the list shows the reel. */
const MAX_LISTING_READS = 5;

type Step<S extends InstagramUploadState['step']> = Extract<InstagramUploadState, { step: S }>;

const rejected = (why: string) =>
  new UserFacingError('PLATFORM_REJECTED', `Instagram could not make the reel: ${why}.`, {
    hint: 'Check that the file is an MP4 (H.264/AAC) the reels preset rendered, then retry: a new upload is made.',
  });

/**
 * Publishes one reel from where its saved state says, saving the state before every next step:
 * container → bytes → processing → media_publish → the link. Whatever could have made the reel
 * already (a media_publish sent, its answer lost) is asked of the platform, never sent again blind.
 */
export async function publishReel(
  deps: PublishDeps,
  post: PlatformPost,
  context: PublishContext,
): Promise<PublishResult> {
  const igUserId = context.tokenExtra.user_id;
  if (!igUserId)
    throw new UserFacingError(
      'ACCOUNT_RECONNECT_NEEDED',
      'The Instagram account was saved without its user id.',
    );
  if (context.file.size <= 0)
    throw new UserFacingError('EMPTY_FILE', `The rendered clip ${context.file.path} is empty.`);
  let state = readUploadState(context.resume);
  checkSameFile(state, context.file.size);
  const graph: GraphCallOptions = {
    fetch: deps.fetch,
    sleep: deps.sleep,
    now: deps.now,
    signal: context.signal,
    accessToken: (options) => context.accessToken(options),
  };
  const save = async (next: InstagramUploadState) => {
    state = next;
    await context.saveState(next);
  };
  const stage = (name: string) =>
    context.onProgress({ bytesSent: context.file.size, bytesTotal: context.file.size, stage: name });
  const retire = (current: InstagramUploadState & { containerId: string }): InstagramUploadState => ({
    step: 'restart',
    retired: [...current.retired, current.containerId],
  });
  // A saved upload may find its container gone by now (expired, failed): asked before sending more.
  let askFirst = state !== null;
  let knownFinished = false;
  let publishAttempts = 0;

  try {
    for (;;) {
      throwIfAborted(context.signal);
      const current: InstagramUploadState | null = state;
      if (current === null || current.step === 'restart') {
        await checkQuota(graph, deps.endpoints, igUserId);
        const container = await graphCall<{ id?: string; uri?: string }>(
          graph,
          'POST',
          deps.endpoints.createContainer(igUserId),
          {
            media_type: 'REELS',
            upload_type: 'resumable',
            caption: post.text,
            share_to_feed: String(post.options.share_to_feed ?? true),
          },
        );
        if (!container.id) throw new PlatformRequestError('the new container has no id', 'transient', 200);
        await save({
          step: 'uploading',
          containerId: container.id,
          uri: container.uri ?? null,
          fileSize: context.file.size,
          bytesAcked: 0,
          retired: current?.retired ?? [],
        });
        askFirst = false;
        continue;
      }
      if (current.step === 'published') {
        stage('published');
        return {
          remoteId: current.mediaId,
          url: await permalinkOf(graph, deps.endpoints, current.mediaId),
          status: 'published',
        };
      }

      if (current.step === 'uploading' || current.step === 'processing') {
        let status: ContainerStatus | null = null;
        if (askFirst) status = await readContainer(graph, deps.endpoints, current.containerId);
        askFirst = false;
        if (!status || status.code === 'IN_PROGRESS') {
          if (current.step === 'uploading') {
            const uploaded = await uploadFile(deps, context, current, save);
            await save({
              step: 'processing',
              containerId: uploaded.containerId,
              fileSize: uploaded.fileSize,
              retired: uploaded.retired,
            });
            continue;
          }
          status = await waitForProcessing(deps, graph, current, stage);
        }
        if (status.code === 'FINISHED') {
          knownFinished = true;
          await save({
            step: 'publishing',
            containerId: current.containerId,
            fileSize: current.fileSize,
            publishSentAt: deps.now(),
            retired: current.retired,
          });
        } else if (status.code === 'PUBLISHED') {
          // Only a media_publish of ours makes this; found like a lost answer, over any time.
          await save({
            step: 'publishing',
            containerId: current.containerId,
            fileSize: current.fileSize,
            publishSentAt: 0,
            retired: current.retired,
          });
        } else if (status.code === 'EXPIRED') {
          await save(retire(current)); // never published: a new container cannot make a second reel
        } else {
          await save(retire(current));
          throw rejected(status.detail ?? `the container ended as ${status.code}`);
        }
        continue;
      }

      // publishing: media_publish may have gone out before (this run or an earlier one).
      const publishing: Step<'publishing'> = current;
      if (!knownFinished) {
        const status = await readContainer(graph, deps.endpoints, publishing.containerId);
        if (status.code === 'PUBLISHED' || status.code === 'EXPIRED') {
          const media = await findWithPatience(
            deps,
            graph,
            igUserId,
            post.text,
            publishing,
            status.code === 'PUBLISHED',
          );
          if (media)
            await save({
              step: 'published',
              containerId: publishing.containerId,
              mediaId: media,
              retired: publishing.retired,
            });
          else if (status.code === 'EXPIRED') await save(retire(publishing));
          else
            throw new UserFacingError(
              'PLATFORM_UNAVAILABLE',
              `Instagram says container ${publishing.containerId} is published but does not list the reel yet.`,
              {
                hint: 'Retry the post in a few minutes: it looks the reel up again and never posts it twice.',
              },
            );
          continue;
        }
        if (status.code === 'ERROR') {
          await save(retire(publishing));
          throw rejected(status.detail ?? 'the container failed');
        }
        if (status.code === 'IN_PROGRESS') {
          await save({
            step: 'processing',
            containerId: publishing.containerId,
            fileSize: publishing.fileSize,
            retired: publishing.retired,
          });
          continue;
        }
      }
      knownFinished = false;
      stage('publishing');
      publishAttempts += 1;
      try {
        const answer = await graphOnce<{ id?: string }>(graph, 'POST', deps.endpoints.publish(igUserId), {
          creation_id: publishing.containerId,
        });
        if (answer.id) {
          await save({
            step: 'published',
            containerId: publishing.containerId,
            mediaId: answer.id,
            retired: publishing.retired,
          });
          continue;
        }
      } catch (error) {
        if (!(error instanceof PlatformRequestError) || context.signal.aborted) throw error;
        const notReady = error instanceof InstagramRequestError && error.graphSubcode === NOT_READY_SUBCODE;
        if (error.kind === 'permanent' && !notReady) {
          // Refused, unless an earlier send of ours got there first: the container says which.
          const after = await readContainer(graph, deps.endpoints, publishing.containerId);
          if (after.code !== 'PUBLISHED') throw error;
          continue;
        }
        if (publishAttempts >= MAX_PUBLISH_ATTEMPTS) throw error;
        if (error.kind === 'auth') await context.accessToken({ fresh: true });
        else
          await deps.sleep(
            Math.max(error.retryAfterMs ?? 0, 1000 * 2 ** Math.min(publishAttempts, 5)),
            context.signal,
          );
      }
      // The answer is unclear: the container says next whether the reel exists.
    }
  } catch (error) {
    if (error instanceof PlatformRequestError) throw error.toUserFacing('Instagram');
    throw error;
  }
}

/** Refuses before any upload when the 24 h publishing quota is used up. */
async function checkQuota(
  graph: GraphCallOptions,
  endpoints: InstagramEndpoints,
  igUserId: string,
): Promise<void> {
  const answer = await graphCall<{
    data?: Array<{ quota_usage?: number; config?: { quota_total?: number } }>;
  }>(graph, 'GET', endpoints.publishingLimit(igUserId));
  const entry = answer.data?.[0];
  const used = entry?.quota_usage ?? 0;
  const total = entry?.config?.quota_total;
  if (typeof total === 'number' && used >= total)
    throw new UserFacingError(
      'PLATFORM_QUOTA_EXCEEDED',
      `Instagram allows ${total} posts per 24 hours through its API, and this account has made ${used}.`,
      { hint: 'Retry once the oldest of those posts is 24 hours old; nothing was uploaded.' },
    );
}

/** Polls the container until it is no longer IN_PROGRESS, up to `maxProcessingMs` of waiting. */
async function waitForProcessing(
  deps: PublishDeps,
  graph: GraphCallOptions,
  state: Step<'processing'>,
  stage: (name: string) => void,
): Promise<ContainerStatus> {
  let wait = deps.pollIntervalMs;
  let waited = 0;
  for (;;) {
    stage('processing');
    const status = await readContainer(graph, deps.endpoints, state.containerId);
    if (status.code !== 'IN_PROGRESS') return status;
    if (waited >= deps.maxProcessingMs)
      throw new UserFacingError(
        'PLATFORM_UNAVAILABLE',
        `Instagram is still processing the reel after ${Math.round(waited / 60_000)} min (container ${state.containerId}).`,
        { hint: 'Retry the post later: it goes on waiting for this upload, without uploading again.' },
      );
    await deps.sleep(wait, graph.signal);
    waited += wait;
    wait = Math.min(30_000, Math.round(wait * 1.5));
  }
}

/** The media of a published container, read again a few times while the list catches up. */
async function findWithPatience(
  deps: PublishDeps,
  graph: GraphCallOptions,
  igUserId: string,
  caption: string,
  state: Step<'publishing'>,
  published: boolean,
): Promise<string | null> {
  for (let read = 1; ; read += 1) {
    const media = await findPublishedMedia(graph, deps.endpoints, igUserId, caption, state.publishSentAt);
    if (media || !published || read >= MAX_LISTING_READS) return media?.id ?? null;
    await deps.sleep(2000 * read, graph.signal);
  }
}

/** The reel's link. It is published whatever happens here, so a link that cannot be read is null. */
async function permalinkOf(graph: GraphCallOptions, endpoints: InstagramEndpoints, mediaId: string) {
  try {
    const answer = await graphCall<{ permalink?: string }>(graph, 'GET', endpoints.permalink(mediaId));
    return answer.permalink ?? null;
  } catch (error) {
    if (error instanceof PlatformRequestError && !graph.signal.aborted) return null;
    throw error;
  }
}
