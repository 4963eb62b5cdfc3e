import type { PostStatus, PublishPlatform } from '@kirinuki/contracts';

/** A connected platform account. Its tokens are in the secret store, never here. */
export interface AccountsTable {
  id: string;
  platform: PublishPlatform;
  /** The platform's own id of the account. */
  remoteId: string;
  name: string;
  avatarUrl: string | null;
  status: 'connected' | 'reconnect';
  tokenExpiresAt: string | null;
  connectedAt: string;
  updatedAt: string;
}

/**
 * One post of one clip to one account. Created, with its idempotency key, before any network call;
 * every upload step's state is saved here before the next step, so a killed publish resumes it.
 */
export interface PostsTable {
  id: string;
  /** Unique: asking twice with the same key (a retried request) gives the same post. */
  idempotencyKey: string;
  clipId: string;
  videoId: string;
  platform: PublishPlatform;
  accountId: string;
  status: PostStatus;
  remoteId: string | null;
  url: string | null;
  /** JSON JobError of the last failure. */
  error: string | null;
  /** JSON PostDraft: what the user asked for. */
  draft: string;
  /** JSON PlatformPost: the post as adapted to the platform (null until the render is known). */
  adapted: string | null;
  /** The rendered file uploaded, byte for byte, and its size. */
  renderFile: string | null;
  bytesSent: number;
  bytesTotal: number;
  /** JSON UploadState of the platform client (publish id, session URI, container id…). */
  uploadState: string | null;
  /** When it is to go out (ISO); null for now. */
  at: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Outbox of post events, committed with the post change and delivered to the library's event log. */
export interface PostEventsTable {
  id: string;
  type: string;
  aggregateId: string;
  at: string;
  payload: string;
  delivered: number;
}

export interface SocialDatabase {
  accounts: AccountsTable;
  posts: PostsTable;
  post_events: PostEventsTable;
}
