import { PlatformRequestError } from '../http/platform-error.js';
import { xApiUrl } from './x-endpoints.js';
import { xRequest, type XCall } from './x-http.js';
import { isOurMediaKey, type XMedia } from './x-publish-state.js';

export interface XUser {
  id: string;
  username: string;
  name: string;
  profile_image_url?: string;
}

/** GET /2/users/me: the account the token acts for. */
export async function whoAmI(call: XCall, origin: string | null | undefined): Promise<XUser> {
  const answer = await xRequest<{ data?: Partial<XUser> }>(call, {
    method: 'GET',
    url: xApiUrl(origin, '/2/users/me', { 'user.fields': 'profile_image_url,username,name' }),
  });
  const user = answer?.data;
  if (!user?.id || !user.username)
    throw new PlatformRequestError('X did not say which account the sign-in is for', 'transient', 200);
  return { id: user.id, username: user.username, name: user.name ?? user.username, ...pick(user) };
}

const pick = (user: Partial<XUser>) =>
  user.profile_image_url ? { profile_image_url: user.profile_image_url } : {};

/** POST /2/tweets with the media (201 {data: {id, text}}); no `text` when the post is the video alone. */
export async function createPost(
  call: XCall,
  origin: string | null | undefined,
  text: string,
  mediaId: string,
): Promise<string> {
  const answer = await xRequest<{ data?: { id?: string } }>(call, {
    method: 'POST',
    url: xApiUrl(origin, '/2/tweets'),
    json: { ...(text ? { text } : {}), media: { media_ids: [mediaId] } },
  });
  const id = answer?.data?.id;
  if (!id) throw new PlatformRequestError('X took the post but named no post id', 'transient', 201);
  return id;
}

interface TimelinePage {
  data?: Array<{ id: string; attachments?: { media_keys?: string[] } }>;
  meta?: { next_token?: string };
}

/** Pages of the user's recent posts read to find ours (100 a page). */
const TIMELINE_PAGES = 3;

/**
 * The user's own post that carries our media, if X has one: GET /2/users/{id}/tweets since a
 * little before we first tried, replies and reposts left out, with the posts' media keys.
 */
export async function findPostWithMedia(
  call: XCall,
  origin: string | null | undefined,
  userId: string,
  media: XMedia,
  since: number,
): Promise<string | null> {
  // Ten minutes of slack for a clock that differs from X's.
  const startTime = new Date(since - 10 * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  let token: string | undefined;
  for (let page = 0; page < TIMELINE_PAGES; page += 1) {
    const answer = await xRequest<TimelinePage>(call, {
      method: 'GET',
      url: xApiUrl(origin, `/2/users/${userId}/tweets`, {
        max_results: '100',
        exclude: 'replies,retweets',
        start_time: startTime,
        'tweet.fields': 'attachments,created_at',
        expansions: 'attachments.media_keys',
        'media.fields': 'media_key',
        ...(token ? { pagination_token: token } : {}),
      }),
    });
    const found = answer?.data?.find((post) =>
      (post.attachments?.media_keys ?? []).some((key) => isOurMediaKey(key, media)),
    );
    if (found) return found.id;
    token = answer?.meta?.next_token;
    if (!token) return null;
  }
  return null;
}
