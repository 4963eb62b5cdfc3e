import { FfmpegFailedError, runFfmpeg, type CommandLogger } from '../ffmpeg/run-ffmpeg.js';
import { interpretProbe, type FfprobeJson } from './interpret-probe.js';
import type { MediaInfo } from './media-info.js';

export interface ProbeOptions {
  ffprobe: string;
  signal?: AbortSignal | undefined;
  logger?: CommandLogger | undefined;
}

/** Raw ffprobe JSON for a file or URL; rejects with FfmpegFailedError when ffprobe cannot read it. */
export async function runFfprobeJson(input: string, options: ProbeOptions): Promise<FfprobeJson> {
  const result = await runFfmpeg({
    bin: options.ffprobe,
    args: ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', input],
    signal: options.signal,
    logger: options.logger,
  });
  try {
    return JSON.parse(result.stdout.toString('utf8')) as FfprobeJson;
  } catch (error) {
    throw new FfmpegFailedError(
      0,
      null,
      `unreadable ffprobe output: ${(error as Error).message}`,
      result.commandLine,
    );
  }
}

export async function probeMedia(
  filePath: string,
  sizeBytes: number,
  options: ProbeOptions,
): Promise<MediaInfo> {
  return interpretProbe(await runFfprobeJson(filePath, options), sizeBytes);
}
