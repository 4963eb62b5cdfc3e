import type { PostDraft, PrivacyChoice, PublishPlatform } from '@kirinuki/contracts';

/** The tokens of one connected account. Kept in the host's secret store only. */
export interface OAuthTokens {
  accessToken: string;
  /** Null when the platform gives none (the access token is long-lived and refreshed as itself). */
  refreshToken: string | null;
  /** Epoch ms when the access token stops working; null when the platform does not say. */
  expiresAt: number | null;
  refreshExpiresAt?: number | null;
  scope?: string | null;
  /** What else the platform returned that later calls need (TikTok's open_id, Instagram's user id). */
  extra?: Record<string, string>;
}

/** The user's own developer app on a platform: its client id, its secret where the platform needs one. */
export interface PlatformCredentials {
  clientId: string;
  clientSecret?: string | null | undefined;
}

/** How the platform lets a desktop app receive the authorization code. */
export type RedirectPolicy =
  /** Any http://127.0.0.1:<port>/… (RFC 8252 §7.3): a free port is picked per sign-in. */
  | { kind: 'loopback-any-port'; path: string }
  /** Only the exact URL registered with the platform: a fixed loopback port. */
  | { kind: 'loopback-fixed-port'; path: string; port: number }
  /** An https URL registered in advance (Instagram): a desktop cannot receive it; a server hosts it. */
  | { kind: 'https-registered' };

export interface AuthorizationRequest {
  redirectUri: string;
  state: string;
  /** PKCE S256 challenge of the verifier the caller keeps. */
  codeChallenge: string;
}

export interface PlatformAccount {
  /** The platform's own id of the account. */
  remoteId: string;
  name: string;
  avatarUrl: string | null;
}

/** What the platform says it accepts now, for this account. */
export interface PlatformLimits {
  /** The privacy choices it offers now, each with its own value; null where privacy does not apply (X). */
  privacy: Array<{ choice: PrivacyChoice; value: string }> | null;
  maxDurationSec: number;
  maxSizeBytes: number;
  /** TikTok's creator settings: what the creator turned off for everyone. */
  commentsDisabled?: boolean;
  duetDisabled?: boolean;
  stitchDisabled?: boolean;
  /** A posting quota the platform reports (Instagram: posts per 24 h). */
  quota?: { used: number; total: number; windowSec: number } | null;
  /** The creator's display name where the platform shows it with the limits (TikTok asks apps to). */
  creatorName?: string | null;
}

/** What a post is made from: the clip as stored and its rendered file. */
export interface ClipForPost {
  id: string;
  title: string;
  text: string;
  hashtags: string[];
  reasons: string[];
  durationSec: number;
  width: number;
  height: number;
  sizeBytes: number;
}

/** A post adapted to one platform: its text counted the platform's way, its values the platform's own. */
export interface PlatformPost {
  platform: PublishPlatform;
  /** TikTok's title, YouTube's title; absent on X and Instagram. */
  title?: string;
  /** The caption, description or post text. */
  text: string;
  /** The platform's own privacy value (SELF_ONLY, unlisted…); null where it has none. */
  privacy: string | null;
  /** Platform-specific fields, as the platform names them (disable_duet, selfDeclaredMadeForKids…). */
  options: Record<string, unknown>;
}

/**
 * The persisted state of one publish attempt. Saved (and awaited) before every next step, so a
 * publish killed at any point resumes the same upload, or asks the platform what became of it,
 * instead of starting a second post. Opaque to the host: JSON, per platform.
 */
export type UploadState = { step: string } & Record<string, unknown>;

export interface PublishProgress {
  bytesSent: number;
  bytesTotal: number;
  /** uploading, processing, publishing… */
  stage: string;
}

export interface PublishContext {
  signal: AbortSignal;
  /**
   * A valid access token (refreshed by the host before it expires). `fresh`: the platform just said
   * the one in hand expired (401): refresh now, even if it looked valid.
   */
  accessToken(options?: { fresh?: boolean }): Promise<string>;
  /** Extras saved with the tokens at connection (TikTok open_id, Instagram user id). */
  tokenExtra: Record<string, string>;
  file: { path: string; size: number };
  /** Where an earlier run of this post got to, or null for a first run. */
  resume: UploadState | null;
  /** Persists the state before the next step; the publish waits for it. */
  saveState(state: UploadState): Promise<void>;
  onProgress(progress: PublishProgress): void;
}

export interface PublishResult {
  remoteId: string;
  url: string | null;
  /** `processing`: the platform has the post and will make it public itself (the host may look later). */
  status: 'published' | 'processing';
}

/** One platform: sign-in, the account, what it accepts now, adapting a post, and publishing it. */
export interface PlatformClient {
  readonly platform: PublishPlatform;
  readonly redirect: RedirectPolicy;
  /** Scopes asked for at sign-in (what publishing needs, with refresh where the platform has it). */
  readonly scopes: readonly string[];
  /** The authorization URL (authorization code + PKCE S256). */
  authorizeUrl(credentials: PlatformCredentials, request: AuthorizationRequest): string;
  /** Trades the code the redirect brought for tokens (the verifier proves this app asked). */
  exchangeCode(
    credentials: PlatformCredentials,
    callback: { url: string; state: string; codeVerifier: string; redirectUri: string },
  ): Promise<OAuthTokens>;
  /** New tokens from the refresh token (a platform that rotates it returns a new one: save it first). */
  refresh(credentials: PlatformCredentials, tokens: OAuthTokens): Promise<OAuthTokens>;
  account(accessToken: string, tokenExtra: Record<string, string>): Promise<PlatformAccount>;
  limits(accessToken: string, tokenExtra: Record<string, string>): Promise<PlatformLimits>;
  /** Pure: the clip and the user's draft as this platform's post; a coded error says what does not fit. */
  adapt(clip: ClipForPost, draft: PostDraft, limits: PlatformLimits | null): PlatformPost;
  publish(post: PlatformPost, context: PublishContext): Promise<PublishResult>;
}

export interface PlatformClientOptions {
  /** Send every request of the platform (authorize, token, API, upload) to this origin, real paths kept. */
  origin?: string | null | undefined;
  fetch?: typeof fetch;
  /** Waits between polls and retries (tests pass a fast one). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  now?: () => number;
}
