import type { InstagramEndpoints } from './instagram-endpoints.js';
import { graphCall, type GraphCallOptions } from './instagram-graph.js';

/** A container's status_code: IN_PROGRESS, FINISHED, ERROR, EXPIRED (24 h unpublished), PUBLISHED. */
export interface ContainerStatus {
  code: string;
  /** The platform's words, e.g. why processing failed. */
  detail: string | null;
}

export async function readContainer(
  options: GraphCallOptions,
  endpoints: InstagramEndpoints,
  containerId: string,
): Promise<ContainerStatus> {
  const answer = await graphCall<{ status_code?: string; status?: string }>(
    options,
    'GET',
    endpoints.container(containerId),
  );
  return { code: answer.status_code ?? 'IN_PROGRESS', detail: answer.status ?? null };
}

export interface MediaItem {
  id: string;
  caption?: string;
  media_product_type?: string;
  timestamp?: string;
  permalink?: string;
}

/** Captions as compared: Instagram may store line ends and surrounding space differently. */
const sameCaption = (a: string | undefined, b: string) =>
  (a ?? '').normalize('NFC').replace(/\r\n?/g, '\n').trim() ===
  b.normalize('NFC').replace(/\r\n?/g, '\n').trim();

// Clocks differ: a post is looked for from a little before media_publish was sent.
const CLOCK_MARGIN_MS = 10 * 60_000;
const MAX_PAGES = 4;

/**
 * The reel a media_publish made, when its answer was lost: a container does not name its media,
 * so the account's media (newest first) are read back to just before the publish was sent, and the
 * earliest reel since then with our caption is it. Null when there is none (yet).
 */
export async function findPublishedMedia(
  options: GraphCallOptions,
  endpoints: InstagramEndpoints,
  igUserId: string,
  caption: string,
  publishSentAt: number,
): Promise<MediaItem | null> {
  const since = publishSentAt - CLOCK_MARGIN_MS;
  let after: string | undefined;
  let found: MediaItem | null = null;
  for (let page = 0; page < MAX_PAGES; page += 1) {
    const answer = await graphCall<{
      data?: MediaItem[];
      paging?: { cursors?: { after?: string }; next?: string };
    }>(options, 'GET', endpoints.recentMedia(igUserId, after));
    let older = false;
    for (const item of answer.data ?? []) {
      const at = item.timestamp ? Date.parse(item.timestamp) : Number.NaN;
      if (Number.isFinite(at) && at < since) {
        older = true;
        break;
      }
      const reel = !item.media_product_type || item.media_product_type === 'REELS';
      // Newest first: a later match is an earlier post, the one our publish made.
      if (reel && sameCaption(item.caption, caption)) found = item;
    }
    after = answer.paging?.cursors?.after;
    if (older || !answer.paging?.next || !after) break;
  }
  return found;
}
