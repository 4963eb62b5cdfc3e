import type { JobError } from '../jobs/job.js';
import type { PrivacyChoice, PublishPlatform } from './publish-platforms.js';

/**
 * Where a post is: `queued` (a publish job waits), `uploading`, `processing` (the platform has the
 * bytes and is making the post), `published`, `failed`, `cancelled`; scheduling adds `scheduled`
 * and `missed`.
 */
export type PostStatus =
  | 'scheduled'
  | 'queued'
  | 'uploading'
  | 'processing'
  | 'published'
  | 'failed'
  | 'cancelled'
  | 'missed'
  /** Waits for its account to be connected again, then goes out. */
  | 'held';

export const POST_STATUSES = [
  'scheduled',
  'queued',
  'uploading',
  'processing',
  'published',
  'failed',
  'cancelled',
  'missed',
  'held',
] as const satisfies readonly PostStatus[];

/** What the user asked to post: the text and choices, as given (defaults filled from the clip). */
export interface PostDraft {
  title?: string | undefined;
  caption?: string | undefined;
  privacy?: PrivacyChoice | undefined;
  /** TikTok: let others comment, duet, stitch (never on unless the user ticks them). */
  allowComments?: boolean | undefined;
  allowDuet?: boolean | undefined;
  allowStitch?: boolean | undefined;
  /** TikTok: the post promotes the creator's own business or a third party's (disclosed). */
  commercial?: { yourBrand: boolean; brandedContent: boolean } | undefined;
  /** YouTube: made for kids (the platform asks every upload). */
  madeForKids?: boolean | undefined;
}

/** A post as `kirinuki posts list` and the UI show it. */
export interface Post {
  id: string;
  clipId: string;
  videoId: string;
  platform: PublishPlatform;
  accountId: string;
  status: PostStatus;
  /** The platform's id of the post: YouTube's video id, TikTok's publish or post id, the Instagram media id, the X post id. */
  remoteId: string | null;
  url: string | null;
  error: JobError | null;
  draft: PostDraft;
  /** When it is to go out (scheduled posts), ISO 8601; null for "now". */
  at: string | null;
  /** Bytes the platform has acknowledged of the upload, and the file's size. */
  bytesSent: number;
  bytesTotal: number;
  createdAt: string;
  updatedAt: string;
}

/** A connected platform account, as the CLI and the UI show it (tokens never leave the secret store). */
export interface ConnectedAccount {
  id: string;
  platform: PublishPlatform;
  /** The platform's own id of the account (open id, channel id, user id). */
  remoteId: string;
  name: string;
  avatarUrl: string | null;
  /** `reconnect`: the token was revoked or cannot be refreshed; its posts wait until it is connected again. */
  status: 'connected' | 'reconnect';
  /** When the access token expires (ISO), where known. */
  tokenExpiresAt: string | null;
  connectedAt: string;
}
