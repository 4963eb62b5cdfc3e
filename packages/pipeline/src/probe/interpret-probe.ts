import type { MediaInfo } from './media-info.js';

/** The parts of `ffprobe -show_format -show_streams -print_format json` we read. */
export interface FfprobeJson {
  format?: { format_name?: string; duration?: string; size?: string; bit_rate?: string };
  streams?: Array<{
    codec_type?: string;
    codec_name?: string;
    width?: number;
    height?: number;
    pix_fmt?: string;
    r_frame_rate?: string;
    avg_frame_rate?: string;
    duration?: string;
    nb_frames?: string;
    sample_rate?: string;
    channels?: number;
    disposition?: { attached_pic?: number; still_image?: number };
    tags?: { rotate?: string };
    side_data_list?: Array<{ rotation?: number }>;
  }>;
}

const STILL_CODECS = new Set(['png', 'mjpeg', 'bmp', 'gif', 'webp', 'tiff', 'jpeg2000', 'pam', 'ppm']);
const IMAGE_DEMUXERS = /(^|,)(image2|png_pipe|jpeg_pipe|bmp_pipe|webp_pipe|tiff_pipe|gif)(,|$)/;

/** "30000/1001" → 29.97; "0/0" → null. */
export function parseRate(rate: string | undefined): number | null {
  if (!rate) return null;
  const [num, den] = rate.split('/').map(Number);
  if (num === undefined || !Number.isFinite(num)) return null;
  const value = den === undefined ? num : den === 0 ? NaN : num / den;
  return Number.isFinite(value) && value > 0 ? value : null;
}

/** Rotation in degrees, normalised to 0, 90, 180 or 270 (clockwise, as players apply it). */
export function normaliseRotation(value: number | undefined): number {
  if (value === undefined || !Number.isFinite(value)) return 0;
  const right = Math.round(value / 90) * 90;
  return ((right % 360) + 360) % 360;
}

const number = (s: string | undefined) =>
  s === undefined ? null : Number.isFinite(Number(s)) ? Number(s) : null;

/** Turns ffprobe's JSON into MediaInfo. Pure: the size on disk is passed in. */
export function interpretProbe(json: FfprobeJson, sizeBytes: number): MediaInfo {
  const streams = json.streams ?? [];
  const format = json.format ?? {};
  const videoStream = streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  const audioStream = streams.find((s) => s.codec_type === 'audio');
  const durationSec =
    number(format.duration) ?? number(videoStream?.duration) ?? number(audioStream?.duration) ?? 0;

  let video: MediaInfo['video'] = null;
  if (videoStream) {
    const sideRotation = videoStream.side_data_list?.find((d) => typeof d.rotation === 'number')?.rotation;
    // The display matrix stores counter-clockwise degrees; the older `rotate` tag is clockwise.
    const rotation =
      sideRotation !== undefined
        ? normaliseRotation(-sideRotation)
        : normaliseRotation(number(videoStream.tags?.rotate) ?? 0);
    const rFps = parseRate(videoStream.r_frame_rate);
    const avgFps = parseRate(videoStream.avg_frame_rate);
    const fps = avgFps ?? rFps ?? 0;
    const vfr = rFps !== null && avgFps !== null && Math.abs(rFps - avgFps) / rFps > 0.01;
    const codedW = videoStream.width ?? 0;
    const codedH = videoStream.height ?? 0;
    const swap = rotation === 90 || rotation === 270;
    const frames = number(videoStream.nb_frames);
    const still =
      Boolean(videoStream.disposition?.still_image) ||
      IMAGE_DEMUXERS.test(format.format_name ?? '') ||
      (STILL_CODECS.has(videoStream.codec_name ?? '') &&
        (frames === null || frames <= 1) &&
        durationSec < 0.5);
    video = {
      codec: videoStream.codec_name ?? 'unknown',
      width: swap ? codedH : codedW,
      height: swap ? codedW : codedH,
      fps: Math.round(fps * 1000) / 1000,
      vfr,
      rotation,
      pixFmt: videoStream.pix_fmt ?? null,
      still,
    };
  }
  return {
    container: (format.format_name ?? 'unknown').split(',')[0] ?? 'unknown',
    durationSec,
    sizeBytes,
    bitRate: number(format.bit_rate),
    video,
    audio: audioStream
      ? {
          codec: audioStream.codec_name ?? 'unknown',
          sampleRate: number(audioStream.sample_rate) ?? 0,
          channels: audioStream.channels ?? 0,
        }
      : null,
  };
}
