import { describe, expect, it } from 'vitest';
import { interpretProbe, normaliseRotation, parseRate, type FfprobeJson } from './interpret-probe.js';

describe('parseRate / normaliseRotation', () => {
  it.each([
    ['30000/1001', 29.97002997002997],
    ['25/1', 25],
    ['0/0', null],
    ['24', 24],
    [undefined, null],
    ['x/y', null],
  ])('parseRate(%j) = %j', (input, expected) => {
    expect(parseRate(input)).toBe(expected);
  });
  it.each([
    [undefined, 0],
    [90, 90],
    [-90, 270],
    [180, 180],
    [-180, 180],
    [270, 270],
    [360, 0],
    [89.6, 90],
  ])('normaliseRotation(%j) = %j', (input, expected) => {
    expect(normaliseRotation(input)).toBe(expected);
  });
});

const video = (extra: Partial<NonNullable<FfprobeJson['streams']>[number]> = {}) => ({
  codec_type: 'video',
  codec_name: 'h264',
  width: 1920,
  height: 1080,
  pix_fmt: 'yuv420p',
  r_frame_rate: '30/1',
  avg_frame_rate: '30/1',
  nb_frames: '300',
  ...extra,
});

describe('interpretProbe', () => {
  it.each<[string, FfprobeJson, Record<string, unknown>]>([
    [
      'plain MP4 with audio',
      {
        format: { format_name: 'mov,mp4,m4a,3gp,3g2,mj2', duration: '10.0', bit_rate: '800000' },
        streams: [video(), { codec_type: 'audio', codec_name: 'aac', sample_rate: '48000', channels: 2 }],
      },
      {
        container: 'mov',
        durationSec: 10,
        bitRate: 800000,
        video: {
          codec: 'h264',
          width: 1920,
          height: 1080,
          fps: 30,
          vfr: false,
          rotation: 0,
          pixFmt: 'yuv420p',
          still: false,
        },
        audio: { codec: 'aac', sampleRate: 48000, channels: 2 },
      },
    ],
    [
      'phone video rotated by the display matrix (-90 → 90 clockwise): display size swaps',
      {
        format: { format_name: 'mov', duration: '5' },
        streams: [video({ side_data_list: [{ rotation: -90 }] })],
      },
      { video: expect.objectContaining({ width: 1080, height: 1920, rotation: 90 }), audio: null },
    ],
    [
      'old rotate tag',
      { format: { format_name: 'mov', duration: '5' }, streams: [video({ tags: { rotate: '270' } })] },
      { video: expect.objectContaining({ width: 1080, height: 1920, rotation: 270 }) },
    ],
    [
      'variable frame rate',
      {
        format: { format_name: 'mov', duration: '9.97' },
        streams: [video({ r_frame_rate: '24000/1001', avg_frame_rate: '3840000/239239' })],
      },
      { video: expect.objectContaining({ vfr: true, fps: 16.051 }) },
    ],
    [
      'PNG read by the image demuxer is a still',
      { format: { format_name: 'png_pipe' }, streams: [video({ codec_name: 'png', nb_frames: undefined })] },
      { durationSec: 0, video: expect.objectContaining({ still: true }) },
    ],
    [
      'cover art is not the video stream',
      {
        format: { format_name: 'mp3', duration: '60' },
        streams: [
          { codec_type: 'audio', codec_name: 'mp3', sample_rate: '44100', channels: 2 },
          video({ codec_name: 'mjpeg', disposition: { attached_pic: 1 } }),
        ],
      },
      { video: null, audio: expect.objectContaining({ codec: 'mp3' }) },
    ],
    ['nothing at all', {}, { container: 'unknown', durationSec: 0, video: null, audio: null, bitRate: null }],
  ])('%s', (_name, json, expected) => {
    expect(interpretProbe(json, 1234)).toMatchObject({ sizeBytes: 1234, ...expected });
  });
});
