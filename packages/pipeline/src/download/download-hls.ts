import { lookup } from 'node:dns/promises';
import { UserFacingError } from '@kirinuki/contracts';
import { FfmpegFailedError, runFfmpeg, type CommandLogger } from '../ffmpeg/run-ffmpeg.js';
import type { FfmpegProgress } from '../ffmpeg/ffmpeg-progress.js';
import { runFfprobeJson } from '../probe/probe-media.js';
import {
  bareHostname,
  checkLiteralHost,
  ForbiddenAddressError,
  urlForbidden,
  type AddressPolicy,
} from './safe-url.js';

/**
 * Remuxes an HLS stream into an MP4 with ffmpeg (no re-encode). The playlist host is checked
 * against the address policy first; ffmpeg then fetches the playlist and segments itself.
 */
export async function downloadHls(
  url: string,
  dest: string,
  options: {
    ffmpeg: string;
    ffprobe: string;
    policy: AddressPolicy;
    signal?: AbortSignal | undefined;
    onProgress?: ((p: FfmpegProgress) => void) | undefined;
    logger?: CommandLogger | undefined;
  },
): Promise<void> {
  const parsed = new URL(url);
  try {
    checkLiteralHost(parsed, options.policy);
    const host = bareHostname(parsed);
    for (const { address } of await lookup(host, { all: true })) {
      const reason = options.policy(address, host);
      if (reason) throw new ForbiddenAddressError(host, address, reason);
    }
  } catch (error) {
    if (error instanceof ForbiddenAddressError) {
      throw urlForbidden(
        url,
        `${error.hostname} is ${error.reason} (${error.address}); pass --allow-private-network to allow it`,
      );
    }
    throw new UserFacingError('DOWNLOAD_FAILED', `Could not reach ${url}: ${(error as Error).message}.`);
  }
  const protocols = ['-protocol_whitelist', 'http,https,tcp,tls,crypto,hls'];
  try {
    const probe = await runFfprobeJson(url, {
      ffprobe: options.ffprobe,
      signal: options.signal,
      logger: options.logger,
    }).catch(() => null);
    const durationSec = Number(probe?.format?.duration) || null;
    await runFfmpeg({
      bin: options.ffmpeg,
      args: [
        '-hide_banner',
        '-nostdin',
        '-v',
        'error',
        ...protocols,
        '-i',
        url,
        '-map',
        '0:v:0?',
        '-map',
        '0:a:0?',
        '-c',
        'copy',
        '-bsf:a',
        'aac_adtstoasc',
        '-movflags',
        '+faststart',
        '-y',
        dest,
      ],
      durationSec,
      onProgress: options.onProgress,
      signal: options.signal,
      logger: options.logger,
    });
  } catch (error) {
    if (error instanceof FfmpegFailedError) {
      throw new UserFacingError(
        'DOWNLOAD_FAILED',
        `Could not download the HLS stream ${url}: ${error.message}.`,
      );
    }
    throw error;
  }
}
