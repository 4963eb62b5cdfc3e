import path from 'node:path';
import {
  HlsPlaylistUrlError,
  WebPageUrlError,
  addressPolicyFor,
  downloadHls,
  downloadToFile,
  downloadWithYtDlp,
  findYtDlp,
  parseDownloadUrl,
  type AddressPolicy,
  type ByteProgress,
} from '@kirinuki/pipeline';
import { UserFacingError } from '@kirinuki/contracts';

export interface UrlDownloadOptions {
  ffmpeg: string;
  ffprobe: string;
  maxBytes: number;
  allowPrivateNetwork: boolean;
  addressPolicy?: AddressPolicy;
  signal?: AbortSignal | undefined;
  onProgress?:
    | ((p: {
        fraction: number | null;
        etaSec: number | null;
        bytes?: number;
        totalBytes?: number | null;
        bytesPerSec?: number;
      }) => void)
    | undefined;
  logger?: { info(obj: object, msg?: string): void } | undefined;
  stallTimeoutMs?: number;
  backoffMs?: (attempt: number) => number;
  /** yt-dlp binary; defaults to KIRINUKI_YTDLP or PATH. null = not installed. */
  ytDlp?: string | null;
}

export interface DownloadedMedia {
  file: string;
  /** Name to take the title and extension from. */
  name: string;
  title: string | null;
  /** Known when the bytes were hashed while downloading. */
  sha256: string | null;
}

function nameFromUrl(url: URL): string {
  const last = url.pathname.split('/').filter(Boolean).pop();
  try {
    return last ? decodeURIComponent(last) : url.hostname;
  } catch {
    return last ?? url.hostname;
  }
}

/**
 * Fetches a URL into `workDir`: a direct media URL over http(s) with resume; an HLS playlist
 * through ffmpeg; a web page through yt-dlp when it is installed.
 */
export async function downloadFromUrl(
  input: string,
  workDir: string,
  options: UrlDownloadOptions,
): Promise<DownloadedMedia> {
  const url = parseDownloadUrl(input);
  const policy = options.addressPolicy ?? addressPolicyFor(options.allowPrivateNetwork);
  const reportBytes = (p: ByteProgress) => options.onProgress?.(p);
  const hls = async (playlist: string): Promise<DownloadedMedia> => {
    const file = path.join(workDir, 'stream.mp4');
    await downloadHls(playlist, file, {
      ffmpeg: options.ffmpeg,
      ffprobe: options.ffprobe,
      policy,
      signal: options.signal,
      onProgress: (p) => options.onProgress?.({ fraction: p.fraction, etaSec: p.etaSec }),
    });
    return { file, name: nameFromUrl(url).replace(/\.m3u8$/i, '.mp4'), title: null, sha256: null };
  };

  if (/\.m3u8$/i.test(url.pathname)) return hls(url.href);
  const file = path.join(workDir, 'download.bin');
  try {
    const result = await downloadToFile(url.href, {
      dest: file,
      addressPolicy: policy,
      maxBytes: options.maxBytes,
      signal: options.signal,
      onProgress: reportBytes,
      log: (message) => options.logger?.info({ url: url.href }, message),
      ...(options.stallTimeoutMs ? { stallTimeoutMs: options.stallTimeoutMs } : {}),
      ...(options.backoffMs ? { backoffMs: options.backoffMs } : {}),
    });
    return {
      file,
      name: result.fileName ?? nameFromUrl(new URL(result.finalUrl)),
      title: null,
      sha256: result.sha256,
    };
  } catch (error) {
    if (error instanceof HlsPlaylistUrlError) return hls(error.url);
    if (!(error instanceof WebPageUrlError)) throw error;
    const ytDlp = options.ytDlp === undefined ? findYtDlp() : options.ytDlp;
    if (!ytDlp) {
      throw new UserFacingError(
        'PAGE_URL_NEEDS_YTDLP',
        `${url.href} is a web page, not a video file, and yt-dlp is not installed.`,
      );
    }
    const result = await downloadWithYtDlp(url.href, workDir, {
      bin: ytDlp,
      signal: options.signal,
      onProgress: reportBytes,
      maxBytes: options.maxBytes,
    });
    return { file: result.file, name: path.basename(result.file), title: result.title, sha256: null };
  }
}
