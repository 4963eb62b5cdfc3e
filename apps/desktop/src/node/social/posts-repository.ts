import type { Kysely, Selectable, Transaction } from 'kysely';
import { monotonicFactory } from '../ids/ulid.js';
import type { JobError, Post, PostDraft, PostStatus } from '@kirinuki/contracts';
import type { PlatformPost, UploadState } from '@kirinuki/social';
import type { PostsTable, SocialDatabase } from '../social-db/social.tables.js';

type Db = Kysely<SocialDatabase> | Transaction<SocialDatabase>;
export type PostRow = Selectable<PostsTable>;

const nextId = monotonicFactory();

/** A stored post with what the publish needs besides what users see (adapted post, file, upload state). */
export interface PostRecord extends Post {
  adapted: PlatformPost | null;
  renderFile: string | null;
  uploadState: UploadState | null;
  idempotencyKey: string;
}

const parse = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

export function rowToPost(row: PostRow): PostRecord {
  return {
    id: row.id,
    idempotencyKey: row.idempotencyKey,
    clipId: row.clipId,
    videoId: row.videoId,
    platform: row.platform,
    accountId: row.accountId,
    status: row.status,
    remoteId: row.remoteId,
    url: row.url,
    error: parse<JobError>(row.error),
    draft: parse<PostDraft>(row.draft) ?? {},
    at: row.at,
    bytesSent: row.bytesSent,
    bytesTotal: row.bytesTotal,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    adapted: parse<PlatformPost>(row.adapted),
    renderFile: row.renderFile,
    uploadState: parse<UploadState>(row.uploadState),
  };
}

/** What users see of a post (the API, `posts list`). */
export const publicPost = ({
  adapted: _a,
  renderFile: _r,
  uploadState: _u,
  idempotencyKey: _k,
  ...post
}: PostRecord): Post => post;

export interface NewPost {
  idempotencyKey: string;
  clipId: string;
  videoId: string;
  platform: Post['platform'];
  accountId: string;
  draft: PostDraft;
  status: PostStatus;
  at: string | null;
}

/** Creates the post, or returns the one already made with the same idempotency key. */
export async function insertPost(
  db: Db,
  post: NewPost,
  now = new Date(),
): Promise<{ post: PostRecord; created: boolean }> {
  const existing = await db
    .selectFrom('posts')
    .selectAll()
    .where('idempotencyKey', '=', post.idempotencyKey)
    .executeTakeFirst();
  if (existing) return { post: rowToPost(existing), created: false };
  const iso = now.toISOString();
  const row: PostsTable = {
    id: nextId(now.getTime()),
    idempotencyKey: post.idempotencyKey,
    clipId: post.clipId,
    videoId: post.videoId,
    platform: post.platform,
    accountId: post.accountId,
    status: post.status,
    remoteId: null,
    url: null,
    error: null,
    draft: JSON.stringify(post.draft),
    adapted: null,
    renderFile: null,
    bytesSent: 0,
    bytesTotal: 0,
    uploadState: null,
    at: post.at,
    createdAt: iso,
    updatedAt: iso,
  };
  await db.insertInto('posts').values(row).execute();
  return { post: rowToPost(row), created: true };
}

export async function findPost(db: Db, id: string): Promise<PostRecord | null> {
  const row = await db.selectFrom('posts').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? rowToPost(row) : null;
}

export async function listPosts(
  db: Db,
  filter: { clipId?: string; status?: readonly PostStatus[]; accountId?: string } = {},
): Promise<PostRecord[]> {
  let query = db.selectFrom('posts').selectAll();
  if (filter.clipId) query = query.where('clipId', '=', filter.clipId);
  if (filter.accountId) query = query.where('accountId', '=', filter.accountId);
  if (filter.status?.length) query = query.where('status', 'in', filter.status);
  return (await query.orderBy('id').execute()).map(rowToPost);
}

export async function countPosts(db: Db, status: readonly PostStatus[]): Promise<number> {
  if (!status.length) return 0;
  const row = await db
    .selectFrom('posts')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('status', 'in', status)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * When each of an account's posts went out since `since` (ISO; a published post's last change is
 * its publishing), and the posts going out now (uploading, processing) as now: what a platform's
 * posting window counts. `except` is the post asking.
 */
export async function recentPostTimes(db: Db, accountId: string, since: string, except: string) {
  const rows = await db
    .selectFrom('posts')
    .select(['status', 'updatedAt'])
    .where('accountId', '=', accountId)
    .where('id', '!=', except)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'published'), eb('updatedAt', '>=', since)]),
        eb('status', 'in', ['uploading', 'processing']),
      ]),
    )
    .execute();
  const now = Date.now();
  return rows.map((r) => (r.status === 'published' ? Date.parse(r.updatedAt) : now));
}

/**
 * When an account's other pending posts are due (epoch ms) within `from`…`to` (ISO), the ones
 * queued for now counting at their creation: what a scheduling warning weighs, read by index
 * rather than over every post of the account.
 */
export async function pendingTimesNear(db: Db, accountId: string, from: string, to: string, except: string) {
  const rows = await db
    .selectFrom('posts')
    .select(['at', 'createdAt'])
    .where('accountId', '=', accountId)
    .where('id', '!=', except)
    .where('status', 'in', ['scheduled', 'queued', 'uploading', 'processing'])
    .where((eb) => eb.or([eb('at', 'is', null), eb.between('at', from, to)]))
    .execute();
  return rows.map((r) => Date.parse(r.at ?? r.createdAt));
}

export interface PostChange {
  status?: PostStatus;
  remoteId?: string | null;
  url?: string | null;
  error?: JobError | null;
  adapted?: PlatformPost | null;
  renderFile?: string | null;
  bytesSent?: number;
  bytesTotal?: number;
  uploadState?: UploadState | null;
  at?: string | null;
}

export async function updatePost(db: Db, id: string, change: PostChange, now = new Date()): Promise<void> {
  const json = (value: unknown) => (value === null ? null : JSON.stringify(value));
  await db
    .updateTable('posts')
    .set({
      ...(change.status !== undefined ? { status: change.status } : {}),
      ...(change.remoteId !== undefined ? { remoteId: change.remoteId } : {}),
      ...(change.url !== undefined ? { url: change.url } : {}),
      ...(change.error !== undefined ? { error: json(change.error) } : {}),
      ...(change.adapted !== undefined ? { adapted: json(change.adapted) } : {}),
      ...(change.renderFile !== undefined ? { renderFile: change.renderFile } : {}),
      ...(change.bytesSent !== undefined ? { bytesSent: change.bytesSent } : {}),
      ...(change.bytesTotal !== undefined ? { bytesTotal: change.bytesTotal } : {}),
      ...(change.uploadState !== undefined ? { uploadState: json(change.uploadState) } : {}),
      ...(change.at !== undefined ? { at: change.at } : {}),
      updatedAt: now.toISOString(),
    })
    .where('id', '=', id)
    .execute();
}
