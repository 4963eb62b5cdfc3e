import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { sendJson } from './fake-kit.js';

// The pieces of the fake's Graph answers about media: ids, fields, captions, the media list.

/** A reel the fake published: what the exactly-once checks read. */
export interface FakeReel {
  id: string;
  containerId: string;
  caption: string;
  /** Of the bytes the container held when it was published. */
  sha256: string;
  size: number;
  timestamp: string;
  permalink: string;
  publishedAt: number;
}

/** A Graph-looking id: 17 digits and more, past 2^53 as Instagram's are. */
export const numericId = () =>
  `17${BigInt(`0x${randomBytes(7).toString('hex')}`)
    .toString()
    .padStart(15, '0')}`;

/** Graph's timestamps: seconds and `+0000`. */
export const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+0000');

/** Only the fields asked for, and the id, as the Graph API answers. */
export function pick(object: Record<string, unknown>, fields: string | null): Record<string, unknown> {
  const wanted = (fields ?? '')
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean);
  const out: Record<string, unknown> = object.id === undefined ? {} : { id: object.id };
  for (const field of wanted) if (object[field] !== undefined) out[field] = object[field];
  return out;
}

export const countHashtags = (text: string) =>
  (text.match(/(?<![\p{L}\p{N}_&/])[#＃][\p{L}\p{M}\p{N}_]+/gu) ?? []).length;
export const countMentions = (text: string) =>
  (text.match(/(?<![\p{L}\p{N}_.])@[\p{L}\p{N}_.]+/gu) ?? []).length;

export const mediaObject = (reel: FakeReel) => ({
  id: reel.id,
  caption: reel.caption,
  media_type: 'VIDEO',
  media_product_type: 'REELS',
  permalink: reel.permalink,
  timestamp: reel.timestamp,
});

/** GET /<ig-user-id>/media: newest first, `limit` a page, cursors and `next` while more remain. */
export function listMedia(
  res: ServerResponse,
  params: URLSearchParams,
  posts: readonly FakeReel[],
  self: { userId: string; version: string },
): void {
  const limit = Math.min(100, Math.max(1, Number(params.get('limit') ?? 25) || 25));
  const start = params.get('after')
    ? Number(Buffer.from(params.get('after')!, 'base64url').toString()) || 0
    : 0;
  const newestFirst = [...posts].reverse();
  const page = newestFirst
    .slice(start, start + limit)
    .map((reel) => pick(mediaObject(reel), params.get('fields')));
  const end = start + page.length;
  const cursor = (at: number) => Buffer.from(String(at)).toString('base64url');
  sendJson(res, 200, {
    data: page,
    paging: {
      cursors: { before: cursor(start), after: cursor(end) },
      ...(end < newestFirst.length
        ? { next: `https://graph.instagram.com/${self.version}/${self.userId}/media?after=${cursor(end)}` }
        : {}),
    },
  });
}
