import { describe, expect, it } from 'vitest';
import {
  capabilitiesFrom,
  detectFfmpegCapabilities,
  parseEncoderList,
  parseFilterList,
  parseVersionBanner,
} from './ffmpeg-capabilities.js';
import { resolveFfmpegBinaries } from './ffmpeg-binaries.js';

const ENCODERS = `Encoders:
 V..... = Video
 A..... = Audio
 ------
 V..... libx264              libx264 H.264 / AVC / MPEG-4 AVC / MPEG-4 part 10 (codec h264)
 V....D h264_nvenc           NVIDIA NVENC H.264 encoder (codec h264)
 A..... aac                  AAC (Advanced Audio Coding)
`;
const FILTERS = `Filters:
  T.. = Timeline support
  | = Source or sink filter
 ... loudnorm          A->A       EBU R128 loudness normalization
 ..C scdet             V->V       Detect video scene change
 ... ass               V->V       Render ASS subtitles onto input video using the libass library.
 ... color             |->V       Provide an uniformly colored input.
`;

describe('ffmpeg capability parsing', () => {
  it.each([
    ['ffmpeg version 5.1.9-0+deb12u1 Copyright (c) 2000-2026', '5.1.9-0+deb12u1'],
    ['ffprobe version N-47683-g0e8eb07980-static https://x', 'N-47683-g0e8eb07980-static'],
    ['nonsense', 'unknown'],
  ])('version of %j', (banner, version) => {
    expect(parseVersionBanner(banner)).toBe(version);
  });

  it('reads encoders below the legend only', () => {
    expect(parseEncoderList(ENCODERS)).toEqual(['libx264', 'h264_nvenc', 'aac']);
  });

  it('reads filters including sources', () => {
    expect(parseFilterList(FILTERS)).toEqual(['loudnorm', 'scdet', 'ass', 'color']);
  });

  it.each([
    [
      [],
      [],
      { libx264: false, libass: false, loudnorm: false, scdet: false, h264_nvenc: false, h264_qsv: false },
    ],
    [
      ['libx264', 'h264_qsv'],
      ['subtitles'],
      { libx264: true, libass: true, h264_qsv: true, h264_nvenc: false },
    ],
    [['h264_videotoolbox'], ['loudnorm', 'scdet'], { h264_videotoolbox: true, loudnorm: true, scdet: true }],
  ])('capabilitiesFrom(%j, %j)', (encoders, filters, expected) => {
    expect(capabilitiesFrom(encoders, filters)).toMatchObject(expected);
  });

  it('detects the bundled ffmpeg: libx264, libass and loudnorm, no scdet', async () => {
    const caps = await detectFfmpegCapabilities(resolveFfmpegBinaries({}).ffmpeg.path);
    expect(caps.version).not.toBe('unknown');
    expect(caps.capabilities).toMatchObject({ libx264: true, libass: true, loudnorm: true, scdet: false });
  });
});
