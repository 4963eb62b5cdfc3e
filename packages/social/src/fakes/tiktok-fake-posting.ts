import { createHash, randomBytes, type Hash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, sendJson, type Faults } from './fake-kit.js';
import {
  chunkRuleBroken,
  expectedChunk,
  parseContentRange,
  postInfoRuleBroken,
  type CreatorSettings,
  type PostInfo,
  type SourceInfo,
} from './tiktok-fake-rules.js';

/** A post TikTok made: an upload whose every byte arrived, with the sha256 of what arrived. */
export interface TikTokFakePost {
  publishId: string;
  /** Given only to public posts (publicaly_available_post_id). */
  postId: string;
  openId: string;
  title: string;
  privacyLevel: string;
  postInfo: PostInfo;
  size: number;
  sha256: string;
  status: 'processing' | 'published' | 'failed';
  failReason: string | null;
}

/** One video/init: its upload session, whether or not any byte ever reached it. */
export interface TikTokFakeUpload {
  publishId: string;
  uploadId: string;
  uploadToken: string;
  openId: string;
  postInfo: PostInfo;
  videoSize: number;
  chunkSize: number;
  chunkCount: number;
  createdAt: number;
  receivedBytes: number;
  receivedChunks: number;
  hash: Hash;
  post: TikTokFakePost | null;
  pollsLeft: number;
  fails: boolean;
}

/** Lets a test lose an answer: the fake does the work, then drops the connection instead of answering. */
export type LostAnswer =
  | { kind: 'init'; publishId: string }
  | { kind: 'chunk'; publishId: string; index: number; final: boolean }
  | { kind: 'status'; publishId: string; status: string };

export interface PostingOptions {
  creator: CreatorSettings;
  processingPolls: number;
  failReason: string;
  uploadUrlTtlMs: number;
  faults: Faults;
  now: () => number;
  loseAnswer: (event: LostAnswer) => boolean;
}

export const logId = () => `2024${randomBytes(12).toString('hex').toUpperCase()}`;

/** TikTok API v2's error envelope. */
export function apiError(res: ServerResponse, status: number, code: string, message: string, headers = {}) {
  sendJson(res, status, { data: {}, error: { code, message, log_id: logId() } }, headers);
}

/** A success; post ids are int64 in TikTok's JSON, so they are written as digits, not as JS numbers. */
export function apiOk(res: ServerResponse, data: unknown) {
  const text = JSON.stringify({ data, error: { code: 'ok', message: '', log_id: logId() } }).replace(
    /"publicaly_available_post_id":\[("\d+"(?:,"\d+")*)\]/,
    (_, ids: string) => `"publicaly_available_post_id":[${ids.replaceAll('"', '')}]`,
  );
  res.writeHead(200, {
    'content-type': 'application/json; charset=UTF-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Drops the connection without an answer (the work, if any, is done). */
export const dropAnswer = (res: ServerResponse): void => void res.socket?.destroy();

/** Video/init, the chunk PUTs and status/fetch of Direct Post by FILE_UPLOAD. */
export class TikTokPosting {
  readonly uploads = new Map<string, TikTokFakeUpload>();
  readonly posts: TikTokFakePost[] = [];
  counts = {
    inits: 0,
    chunks: 0,
    statusFetches: 0,
    droppedUploads: 0,
    droppedAfterChunk: 0,
    injectedUploadFaults: 0,
    rateLimitedUploads: 0,
  };
  private readonly byUploadId = new Map<string, TikTokFakeUpload>();

  constructor(private readonly options: PostingOptions) {}

  private expired(upload: TikTokFakeUpload) {
    return this.options.now() - upload.createdAt >= this.options.uploadUrlTtlMs;
  }

  init(
    res: ServerResponse,
    openId: string,
    origin: string,
    body: { post_info?: PostInfo; source_info?: SourceInfo } | null,
  ) {
    const postRule = postInfoRuleBroken(body?.post_info, this.options.creator);
    if (postRule) return apiError(res, postRule[0], postRule[1], postRule[2]);
    const chunkRule = chunkRuleBroken(body?.source_info ?? {});
    if (chunkRule) return apiError(res, 400, 'invalid_params', chunkRule);
    const source = body!.source_info as { video_size: number; chunk_size: number; total_chunk_count: number };
    this.counts.inits += 1;
    const upload: TikTokFakeUpload = {
      publishId: `v_pub_file~v2-1.${7_300_000_000_000 + this.counts.inits}`,
      uploadId: randomBytes(8).toString('hex'),
      uploadToken: randomBytes(12).toString('base64url'),
      openId,
      postInfo: body!.post_info!,
      videoSize: source.video_size,
      chunkSize: source.chunk_size,
      chunkCount: source.total_chunk_count,
      createdAt: this.options.now(),
      receivedBytes: 0,
      receivedChunks: 0,
      hash: createHash('sha256'),
      post: null,
      pollsLeft: this.options.processingPolls,
      fails: false,
    };
    this.uploads.set(upload.publishId, upload);
    this.byUploadId.set(upload.uploadId, upload);
    if (this.options.loseAnswer({ kind: 'init', publishId: upload.publishId })) return dropAnswer(res);
    const uploadUrl = `${origin}/video/?upload_id=${upload.uploadId}&upload_token=${upload.uploadToken}`;
    apiOk(res, { publish_id: upload.publishId, upload_url: uploadUrl });
  }

  /** PUT {upload_url}: chunks in order, each exactly its range; 206 while some remain, 201 when whole. */
  async chunk(req: IncomingMessage, res: ServerResponse, url: URL) {
    const upload = this.byUploadId.get(url.searchParams.get('upload_id') ?? '');
    const refuse = async (status: number, code: string, message: string, headers = {}) => {
      await readBody(req).catch(() => undefined);
      apiError(res, status, code, message, headers);
    };
    if (!upload || upload.uploadToken !== url.searchParams.get('upload_token'))
      return refuse(404, 'invalid_params', 'unknown upload_url');
    if (this.expired(upload)) return refuse(403, 'invalid_params', 'the upload_url expired');
    const fault = this.options.faults.pick('upload');
    if (fault) this.counts.injectedUploadFaults += 1;
    if (fault === 'rate-limit') this.counts.rateLimitedUploads += 1;
    if (fault === 'server-error')
      return refuse(503, 'internal_error', 'Service temporarily unavailable (injected)');
    if (fault === 'rate-limit')
      return refuse(429, 'rate_limit_exceeded', 'Too many requests (injected)', {
        'retry-after': String(this.options.faults.options.retryAfterSec ?? 1),
      });
    // A dropped connection: half the time mid-chunk (nothing kept), half after the chunk landed.
    const dropAfter = fault === 'drop' && this.options.faults.chance(0.5);
    if (fault === 'drop' && !dropAfter) {
      this.counts.droppedUploads += 1;
      req.once('data', () => req.socket.destroy());
      return;
    }
    if (!/^video\/(mp4|quicktime|webm)$/.test(req.headers['content-type'] ?? ''))
      return refuse(400, 'invalid_params', 'Content-Type must be video/mp4, video/quicktime or video/webm');
    const range = parseContentRange(req.headers['content-range']);
    if (!range || range.total !== upload.videoSize)
      return refuse(400, 'invalid_params', `Content-Range must be bytes first-last/${upload.videoSize}`);
    if (upload.post) return refuse(416, 'invalid_params', 'the upload is already complete');
    if (range.first !== upload.receivedBytes)
      return refuse(
        416,
        'invalid_params',
        `chunks go in order: the next one starts at byte ${upload.receivedBytes}`,
      );
    const index = upload.receivedChunks;
    const expected = expectedChunk(upload.videoSize, upload.chunkSize, upload.chunkCount, index);
    if (range.last + 1 !== expected.end)
      return refuse(400, 'invalid_params', `chunk ${index} is bytes ${expected.start}-${expected.end - 1}`);
    const length = expected.end - expected.start;
    if (Number(req.headers['content-length']) !== length)
      return refuse(400, 'invalid_params', `Content-Length must be ${length}`);
    const bytes = await readBody(req);
    if (bytes.length !== length)
      return apiError(res, 400, 'invalid_params', `the chunk has ${bytes.length} bytes, not ${length}`);
    upload.hash.update(bytes);
    upload.receivedBytes += length;
    upload.receivedChunks += 1;
    this.counts.chunks += 1;
    const final = upload.receivedChunks === upload.chunkCount;
    if (final) this.complete(upload);
    if (dropAfter) {
      this.counts.droppedUploads += 1;
      this.counts.droppedAfterChunk += 1;
      return dropAnswer(res);
    }
    if (this.options.loseAnswer({ kind: 'chunk', publishId: upload.publishId, index, final }))
      return dropAnswer(res);
    res.writeHead(final ? 201 : 206, { 'content-length': 0 });
    res.end();
  }

  private complete(upload: TikTokFakeUpload) {
    upload.fails = this.options.faults.chance(this.options.faults.options.processingFailureRate ?? 0);
    const post: TikTokFakePost = {
      publishId: upload.publishId,
      postId: String(7_400_000_000_000_000_000n + BigInt(this.posts.length + 1)),
      openId: upload.openId,
      title: typeof upload.postInfo.title === 'string' ? upload.postInfo.title : '',
      privacyLevel: String(upload.postInfo.privacy_level),
      postInfo: upload.postInfo,
      size: upload.videoSize,
      sha256: upload.hash.digest('hex'),
      status: 'processing',
      failReason: null,
    };
    upload.post = post;
    this.posts.push(post);
  }

  /** status/fetch: PROCESSING_UPLOAD while bytes arrive and for `processingPolls` asks after, then the outcome. */
  status(res: ServerResponse, openId: string, body: { publish_id?: unknown } | null) {
    this.counts.statusFetches += 1;
    const upload = this.uploads.get(String(body?.publish_id ?? ''));
    if (!upload || upload.openId !== openId)
      return apiError(res, 400, 'invalid_params', 'publish_id not found');
    const data: Record<string, unknown> = {
      uploaded_bytes: upload.receivedBytes,
      publicaly_available_post_id: [],
    };
    const post = upload.post;
    if (!post) {
      // Guess: the docs do not say what an abandoned upload reports once its upload_url expired.
      Object.assign(
        data,
        this.expired(upload)
          ? { status: 'FAILED', fail_reason: 'upload_url_expired' }
          : { status: 'PROCESSING_UPLOAD' },
      );
    } else if (upload.pollsLeft > 0) {
      upload.pollsLeft -= 1;
      data.status = 'PROCESSING_UPLOAD';
    } else if (upload.fails) {
      post.status = 'failed';
      post.failReason = this.options.failReason;
      Object.assign(data, { status: 'FAILED', fail_reason: this.options.failReason });
    } else {
      post.status = 'published';
      data.status = 'PUBLISH_COMPLETE';
      // Only public posts get a post id (after moderation); private ones never do.
      if (post.privacyLevel === 'PUBLIC_TO_EVERYONE') data.publicaly_available_post_id = [post.postId];
    }
    if (this.options.loseAnswer({ kind: 'status', publishId: upload.publishId, status: String(data.status) }))
      return dropAnswer(res);
    apiOk(res, data);
  }
}
