import type { IncomingMessage, ServerResponse } from 'node:http';
import twitter from 'twitter-text';
import { type Grant, readBody, sendJson } from './fake-kit.js';
import { processingOf } from './x-fake-media.js';
import { sendInvalid, sendProblem, type XFakeContext, type XFakePost } from './x-fake-shared.js';

// POST /2/tweets (201 {data: {id, text}}) and GET /2/users/{id}/tweets, as X documents them: text
// weighed by twitter-text (≤ 280), one cashtag at most, media that finished processing, and X's
// refusal of a duplicate text; the timeline newest first, with fields only where they were asked.

const TIMELINE_PARAMS = new Set([
  'max_results',
  'pagination_token',
  'start_time',
  'end_time',
  'since_id',
  'until_id',
  'exclude',
  'tweet.fields',
  'expansions',
  'media.fields',
  'user.fields',
  'poll.fields',
  'place.fields',
]);
const TWEET_FIELDS = new Set([
  'attachments',
  'author_id',
  'created_at',
  'entities',
  'id',
  'text',
  'public_metrics',
]);
const EXPANSIONS = new Set(['attachments.media_keys', 'author_id', 'referenced_tweets.id']);
const MEDIA_FIELDS = new Set(['media_key', 'type', 'duration_ms', 'preview_image_url', 'url']);

export async function createTweet(
  context: XFakeContext,
  req: IncomingMessage,
  res: ServerResponse,
  grant: Grant,
) {
  context.state.counts.tweets += 1;
  let body: { text?: unknown; media?: { media_ids?: unknown } } | null = null;
  try {
    body = JSON.parse((await readBody(req)).toString('utf8'));
  } catch {
    return sendInvalid(res, 'Request body is not valid JSON.');
  }
  const text = body?.text ?? '';
  const ids = body?.media?.media_ids;
  if (typeof text !== 'string') return sendInvalid(res, 'The `text` field must be a string.');
  if (ids !== undefined && (!Array.isArray(ids) || ids.length < 1 || ids.length > 4))
    return sendInvalid(res, 'The `media.media_ids` field must hold 1 to 4 media ids.');
  if (!text && !ids) return sendInvalid(res, 'Post text or media is required.');
  if (twitter.parseTweet(text).weightedLength > 280)
    return sendProblem(res, 400, 'Your Tweet text is too long.', {
      errors: [{ message: 'Tweet text is too long' }],
    });
  if (twitter.extractCashtags(text).length > 1)
    return sendProblem(res, 400, 'Posts created through the API may contain at most 1 cashtag.');
  const mediaIds = (ids ?? []) as string[];
  const media = mediaIds.map((id) => context.state.media.get(String(id)));
  const usable = media.every(
    (m) =>
      m &&
      m.ownerId === grant.subject &&
      m.expiresAt > context.now() &&
      processingOf(context, m) === 'succeeded',
  );
  if (!usable) return sendInvalid(res, 'Your media IDs are invalid.');
  if (text && context.state.posts.some((p) => p.authorId === grant.subject && p.text === text))
    return sendProblem(res, 403, 'You are not allowed to create a Tweet with duplicate content.');
  const first = media[0];
  const post: XFakePost = {
    id: context.nextId(),
    text,
    authorId: grant.subject,
    mediaIds: mediaIds.map(String),
    mediaKeys: media.map((m) => m!.key),
    createdAt: context.now(),
    sha256: first?.sha256 ?? '',
    size: first?.totalBytes ?? 0,
  };
  context.state.posts.push(post);
  context.onPostCreated?.(post);
  if ((context.options.loseTweetAnswers ?? 0) > context.state.injected.lostAnswer) {
    // The post is made; its answer never arrives (the window a client must close by asking).
    context.state.injected.lostAnswer += 1;
    res.socket?.destroy();
    return;
  }
  sendJson(res, 201, { data: { id: post.id, text: post.text, edit_history_tweet_ids: [post.id] } });
}

const listOf = (value: string | null) => (value ? value.split(',').filter(Boolean) : []);

export function userTimeline(context: XFakeContext, res: ServerResponse, userId: string, url: URL) {
  const q = url.searchParams;
  for (const name of q.keys())
    if (!TIMELINE_PARAMS.has(name))
      return sendInvalid(
        res,
        `The query parameter [${name}] is not one of [${[...TIMELINE_PARAMS].join(',')}]`,
      );
  const checks: Array<[string, Set<string>]> = [
    ['tweet.fields', TWEET_FIELDS],
    ['expansions', EXPANSIONS],
    ['media.fields', MEDIA_FIELDS],
  ];
  for (const [name, allowed] of checks)
    for (const value of listOf(q.get(name)))
      if (!allowed.has(value))
        return sendInvalid(
          res,
          `The \`${name}\` query parameter value [${value}] is not one of the allowed values.`,
        );
  const max = q.has('max_results') ? Number(q.get('max_results')) : 10;
  if (!Number.isInteger(max) || max < 5 || max > 100)
    return sendInvalid(res, 'The `max_results` query parameter value must be between 5 and 100.');
  const start = q.get('start_time');
  if (start !== null && !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(start))
    return sendInvalid(
      res,
      `Invalid 'start_time':'${start}'. 'start_time' must be in the format YYYY-MM-DDTHH:mm:ssZ`,
    );
  if (!context.users.has(userId)) return sendProblem(res, 404, `Could not find user with id: [${userId}].`);
  context.state.counts.timeline += 1;
  const now = context.now();
  const lag = context.options.timelineLagMs ?? 0;
  const since = start ? Date.parse(start) : -Infinity;
  const visible = context.state.posts
    .filter((p) => p.authorId === userId && p.createdAt + lag <= now && p.createdAt >= since)
    .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
  const offset = Number(
    q.get('pagination_token') ? Buffer.from(q.get('pagination_token')!, 'base64url').toString() : 0,
  );
  const page = visible.slice(offset, offset + max);
  const fields = new Set(listOf(q.get('tweet.fields')));
  const expandMedia = listOf(q.get('expansions')).includes('attachments.media_keys');
  const data = page.map((p) => ({
    id: p.id,
    text: p.text,
    edit_history_tweet_ids: [p.id],
    ...(fields.has('created_at') ? { created_at: new Date(p.createdAt).toISOString() } : {}),
    ...(fields.has('attachments') || expandMedia ? { attachments: { media_keys: p.mediaKeys } } : {}),
  }));
  const next = offset + max < visible.length ? Buffer.from(String(offset + max)).toString('base64url') : null;
  sendJson(res, 200, {
    ...(data.length ? { data } : {}),
    ...(expandMedia && data.length
      ? {
          includes: {
            media: page.flatMap((p) => p.mediaKeys.map((key) => ({ media_key: key, type: 'video' }))),
          },
        }
      : {}),
    meta: {
      result_count: data.length,
      ...(data.length ? { newest_id: data[0]!.id, oldest_id: data[data.length - 1]!.id } : {}),
      ...(next ? { next_token: next } : {}),
    },
  });
}
