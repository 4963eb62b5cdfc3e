import { createHash, type Hash } from 'node:crypto';
import { open } from 'node:fs/promises';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { UserFacingError, abortError, isAbortError, throwIfAborted } from '@kirinuki/contracts';
import { byteProgress, type ByteProgress } from '../ingest/copy-with-sha256.js';
import {
  addressPolicyFor,
  checkLiteralHost,
  ForbiddenAddressError,
  guardedLookup,
  parseDownloadUrl,
  urlForbidden,
  type AddressPolicy,
} from './safe-url.js';

export interface DownloadOptions {
  /** The file to write (appended to while resuming); the caller owns and removes it. */
  dest: string;
  allowPrivateNetwork?: boolean;
  /** Overrides allowPrivateNetwork (tests use it to allow one loopback host). */
  addressPolicy?: AddressPolicy;
  maxBytes: number;
  signal?: AbortSignal | undefined;
  onProgress?: ((p: ByteProgress) => void) | undefined;
  /** No byte for this long counts as a dropped connection. */
  stallTimeoutMs?: number;
  maxRetries?: number;
  maxRedirects?: number;
  backoffMs?: (attempt: number) => number;
  log?: ((message: string) => void) | undefined;
}

export interface DownloadResult {
  finalUrl: string;
  bytes: number;
  sha256: string;
  contentType: string | null;
  /** From Content-Disposition, when the server sent one. */
  fileName: string | null;
  resumes: number;
}

/** The URL is a web page rather than a media file: hand it to yt-dlp. */
export class WebPageUrlError extends Error {
  override readonly name = 'WebPageUrlError';
  constructor(readonly url: string) {
    super(`${url} is a web page, not a media file`);
  }
}

/** The URL is an HLS playlist: ffmpeg fetches it. */
export class HlsPlaylistUrlError extends Error {
  override readonly name = 'HlsPlaylistUrlError';
  constructor(readonly url: string) {
    super(`${url} is an HLS playlist`);
  }
}

/** A failure worth retrying (dropped or stalled connection, 5xx, 429). */
class TransientError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}

const TRANSIENT_CODES = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ECONNABORTED',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

function failed(url: string, why: string): UserFacingError {
  return new UserFacingError('DOWNLOAD_FAILED', `Could not download ${url}: ${why}.`, { details: { url } });
}

function fileNameFromDisposition(header: string | undefined): string | null {
  if (!header) return null;
  const star = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
    } catch {
      /* fall through to the plain form */
    }
  }
  return /filename="?([^";]+)"?/i.exec(header)?.[1]?.trim() ?? null;
}

function parseRetryAfter(value: string | undefined): number | null {
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.min(60_000, Math.max(0, seconds * 1000));
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.min(60_000, Math.max(0, date - Date.now())) : null;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(abortError());
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** One GET, following redirects; resolves with the final response (body unread). */
async function request(
  startUrl: URL,
  headers: Record<string, string>,
  options: Required<Pick<DownloadOptions, 'maxRedirects' | 'stallTimeoutMs'>> & {
    policy: AddressPolicy;
    signal?: AbortSignal | undefined;
  },
): Promise<{ response: IncomingMessage; url: URL }> {
  let url = startUrl;
  for (let hop = 0; ; hop += 1) {
    checkLiteralHost(url, options.policy);
    const response = await new Promise<IncomingMessage>((resolve, reject) => {
      const client = url.protocol === 'https:' ? https : http;
      const req = client.get(url, {
        headers: { 'user-agent': 'Kirinuki/0.1', accept: '*/*', ...headers },
        lookup: guardedLookup(options.policy) as never,
        signal: options.signal,
        timeout: options.stallTimeoutMs,
      });
      req.once('timeout', () => req.destroy(new TransientError('the server stopped responding')));
      req.once('response', resolve);
      req.once('error', reject);
    });
    const status = response.statusCode ?? 0;
    if (status >= 300 && status < 400 && response.headers.location) {
      response.resume();
      if (hop >= options.maxRedirects)
        throw new UserFacingError(
          'DOWNLOAD_FAILED',
          `Too many redirects (more than ${options.maxRedirects}) from ${startUrl.href}; it may loop.`,
        );
      const next = new URL(response.headers.location, url);
      if (next.protocol !== 'http:' && next.protocol !== 'https:') {
        throw urlForbidden(startUrl.href, `it redirects to ${next.protocol} which is not allowed`);
      }
      url = next;
      continue;
    }
    return { response, url };
  }
}

/**
 * Downloads an http(s) URL into `dest` with progress, hashing as it writes. Refuses private
 * addresses (every hop), resumes a dropped connection with Range (up to maxRetries, backing off),
 * times out a stalled one, and refuses a body over `maxBytes` before or while downloading.
 */
export async function downloadToFile(input: string, options: DownloadOptions): Promise<DownloadResult> {
  const startUrl = parseDownloadUrl(input);
  const policy = options.addressPolicy ?? addressPolicyFor(Boolean(options.allowPrivateNetwork));
  const maxRetries = options.maxRetries ?? 5;
  const backoff = options.backoffMs ?? ((attempt: number) => Math.min(8000, 500 * 2 ** attempt));
  const requestOptions = {
    maxRedirects: options.maxRedirects ?? 5,
    stallTimeoutMs: options.stallTimeoutMs ?? 30_000,
    policy,
    signal: options.signal,
  };
  const file = await open(options.dest, 'w');
  let hash: Hash = createHash('sha256');
  let bytes = 0;
  let total: number | null = null;
  let contentType: string | null = null;
  let fileName: string | null = null;
  let finalUrl = startUrl;
  let failures = 0;
  let resumes = 0;
  const started = Date.now();
  const restart = async () => {
    await file.truncate(0);
    hash = createHash('sha256');
    bytes = 0;
  };

  try {
    for (;;) {
      throwIfAborted(options.signal);
      try {
        const headers: Record<string, string> = bytes > 0 ? { range: `bytes=${bytes}-` } : {};
        const { response, url } = await request(finalUrl, headers, requestOptions);
        finalUrl = url;
        const status = response.statusCode ?? 0;
        if (status === 429 || status >= 500) {
          response.resume();
          throw new TransientError(
            `the server answered HTTP ${status}`,
            parseRetryAfter(response.headers['retry-after']),
          );
        }
        if (status === 416 && total !== null && bytes >= total) {
          response.resume();
          break;
        }
        if (status !== 200 && status !== 206) {
          response.resume();
          throw failed(
            startUrl.href,
            `the server answered HTTP ${status}${response.statusMessage ? ` ${response.statusMessage}` : ''}`,
          );
        }
        const length = Number(response.headers['content-length']);
        if (status === 206) {
          const range = /bytes (\d+)-\d+\/(\d+|\*)/.exec(response.headers['content-range'] ?? '');
          if (!range || Number(range[1]) !== bytes) {
            response.resume();
            await restart();
            throw new TransientError('the server sent a range that does not continue the file');
          }
          if (range[2] !== '*') total = Number(range[2]);
        } else {
          if (bytes > 0) await restart(); // the server ignored Range: start over
          total = Number.isFinite(length) ? length : null;
          contentType = response.headers['content-type']?.split(';')[0]?.trim().toLowerCase() ?? null;
          fileName = fileNameFromDisposition(response.headers['content-disposition']);
          if (contentType === 'text/html' || contentType === 'application/xhtml+xml') {
            response.resume();
            throw new WebPageUrlError(startUrl.href);
          }
          if (contentType === 'application/vnd.apple.mpegurl' || contentType === 'application/x-mpegurl') {
            response.resume();
            throw new HlsPlaylistUrlError(finalUrl.href);
          }
        }
        if (total !== null && total > options.maxBytes) {
          response.resume();
          throw new UserFacingError(
            'FILE_TOO_LARGE',
            `${startUrl.href} is ${total} bytes; the import limit is ${options.maxBytes} bytes.`,
          );
        }
        let lastReport = 0;
        let sniffed = bytes > 0;
        for await (const chunk of response) {
          const buffer = chunk as Buffer;
          if (!sniffed) {
            sniffed = true;
            const head = buffer.subarray(0, 256).toString('latin1');
            if (/^\s*<(!doctype html|html)/i.test(head)) throw new WebPageUrlError(startUrl.href);
            if (head.startsWith('#EXTM3U')) throw new HlsPlaylistUrlError(finalUrl.href);
          }
          if (bytes + buffer.length > options.maxBytes) {
            throw new UserFacingError(
              'FILE_TOO_LARGE',
              `${startUrl.href} is larger than the import limit of ${options.maxBytes} bytes.`,
            );
          }
          hash.update(buffer);
          await file.write(buffer, 0, buffer.length, bytes);
          bytes += buffer.length;
          const now = Date.now();
          if (options.onProgress && now - lastReport > 200) {
            lastReport = now;
            options.onProgress(byteProgress(bytes, total, started, now));
          }
        }
        if (!response.complete || (total !== null && bytes < total)) {
          throw new TransientError(`the connection dropped after ${bytes} of ${total ?? '?'} bytes`);
        }
        break;
      } catch (error) {
        if (error instanceof ForbiddenAddressError) {
          throw urlForbidden(
            startUrl.href,
            `${error.hostname} is ${error.reason} (${error.address}); pass --allow-private-network to allow it`,
          );
        }
        const code = (error as NodeJS.ErrnoException).code;
        if (isAbortError(error) || options.signal?.aborted) throw abortError();
        const transient =
          error instanceof TransientError ||
          (code !== undefined && TRANSIENT_CODES.has(code)) ||
          /aborted|socket hang up|premature close/i.test((error as Error).message ?? '');
        if (!transient) {
          if (
            error instanceof UserFacingError ||
            error instanceof WebPageUrlError ||
            error instanceof HlsPlaylistUrlError
          )
            throw error;
          if (code === 'ENOTFOUND')
            throw failed(startUrl.href, `the host ${startUrl.hostname} was not found`);
          throw failed(startUrl.href, (error as Error).message);
        }
        failures += 1;
        if (failures > maxRetries)
          throw failed(startUrl.href, `${(error as Error).message}; gave up after ${maxRetries} retries`);
        const wait = (error instanceof TransientError && error.retryAfterMs) || backoff(failures - 1);
        options.log?.(
          `download interrupted (${(error as Error).message}); retry ${failures}/${maxRetries} in ${wait} ms`,
        );
        if (bytes > 0) resumes += 1;
        await sleep(wait, options.signal);
      }
    }
    await file.datasync();
  } finally {
    await file.close();
  }
  options.onProgress?.(byteProgress(bytes, total ?? bytes, started));
  return { finalUrl: finalUrl.href, bytes, sha256: hash.digest('hex'), contentType, fileName, resumes };
}
