import { detectFfmpegCapabilities, type CapabilityName } from '../ffmpeg/ffmpeg-capabilities.js';
import { runFfmpeg } from '../ffmpeg/run-ffmpeg.js';
import { encoderCandidates, videoEncoderArgs, type VideoEncoderName } from './video-encoder.js';

export interface EncoderChoice {
  encoder: VideoEncoderName;
  /** Every encoder tried, with why a hardware one was passed over (for the log and the UI). */
  tried: Array<{ encoder: VideoEncoderName; ok: boolean; reason?: string }>;
}

/** Encodes one small frame with `encoder`; rejects when the encoder or its device is unusable. */
export type TestEncode = (bin: string, encoder: VideoEncoderName) => Promise<void>;

export const oneFrameTestEncode: TestEncode = async (bin, encoder) => {
  await runFfmpeg({
    bin,
    args: [
      '-hide_banner',
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'color=c=gray:size=256x256:rate=30',
      '-frames:v',
      '1',
      ...videoEncoderArgs(encoder, { fps: 30, maxBitrate: 2_000_000 }),
      '-f',
      'null',
      '-',
    ],
  });
};

export interface ChooseEncoderOptions {
  bin: string;
  capabilities?: Readonly<Record<CapabilityName, boolean>>;
  platform?: NodeJS.Platform;
  testEncode?: TestEncode;
}

const cache = new Map<string, Promise<EncoderChoice>>();

/**
 * The first hardware H.264 encoder the ffmpeg in use has and that encodes a test frame, else
 * libx264. A build listing nvenc on a machine without an NVIDIA GPU fails the test and is skipped.
 * Cached per binary and candidate list, so the test runs once per process.
 */
export function chooseVideoEncoder(options: ChooseEncoderOptions): Promise<EncoderChoice> {
  const platform = options.platform ?? process.platform;
  const test = options.testEncode ?? oneFrameTestEncode;
  const pending = (async () => {
    const capabilities = options.capabilities ?? (await detectFfmpegCapabilities(options.bin)).capabilities;
    const candidates = encoderCandidates(capabilities, platform);
    const key = `${options.bin}|${candidates.join(',')}`;
    let cached = cache.get(key);
    if (!cached) {
      cached = (async () => {
        const tried: EncoderChoice['tried'] = [];
        for (const encoder of candidates) {
          if (encoder === 'libx264') return { encoder, tried: [...tried, { encoder, ok: true }] };
          try {
            await test(options.bin, encoder);
            return { encoder, tried: [...tried, { encoder, ok: true }] };
          } catch (error) {
            tried.push({ encoder, ok: false, reason: (error as Error).message.split('\n')[0] ?? 'failed' });
          }
        }
        throw new Error(
          `no usable H.264 encoder in ${options.bin} (tried ${candidates.join(', ') || 'none'})`,
        );
      })();
      cached.catch(() => cache.delete(key));
      cache.set(key, cached);
    }
    return cached;
  })();
  return pending;
}
