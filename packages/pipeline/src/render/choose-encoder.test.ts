import { describe, expect, it, vi } from 'vitest';
import { capabilitiesFrom } from '../ffmpeg/ffmpeg-capabilities.js';
import { chooseVideoEncoder } from './choose-encoder.js';
import { encoderCandidates, videoEncoderArgs } from './video-encoder.js';

const caps = (...encoders: string[]) => capabilitiesFrom(encoders, []);

describe('encoderCandidates', () => {
  it.each([
    [['libx264'], 'linux', ['libx264']],
    [
      ['libx264', 'h264_nvenc', 'h264_qsv', 'h264_videotoolbox'],
      'linux',
      ['h264_nvenc', 'h264_qsv', 'libx264'],
    ],
    [['libx264', 'h264_nvenc', 'h264_videotoolbox'], 'darwin', ['h264_videotoolbox', 'libx264']],
    [['libx264', 'h264_qsv'], 'win32', ['h264_qsv', 'libx264']],
    [['h264_nvenc'], 'win32', ['h264_nvenc']],
  ] as const)('%j on %s → %j', (encoders, platform, expected) => {
    expect(encoderCandidates(caps(...encoders), platform)).toEqual(expected);
  });
});

describe('chooseVideoEncoder (injected capabilities; the GPU paths are not run here)', () => {
  it('takes the first hardware encoder whose test frame works', async () => {
    const test = vi.fn(async (_bin: string, encoder: string) => {
      if (encoder === 'h264_nvenc') throw new Error('Cannot load libcuda.so.1');
    });
    const choice = await chooseVideoEncoder({
      bin: '/fake/ffmpeg-a',
      capabilities: caps('libx264', 'h264_nvenc', 'h264_qsv'),
      platform: 'linux',
      testEncode: test,
    });
    expect(choice.encoder).toBe('h264_qsv');
    expect(choice.tried).toEqual([
      { encoder: 'h264_nvenc', ok: false, reason: 'Cannot load libcuda.so.1' },
      { encoder: 'h264_qsv', ok: true },
    ]);
  });

  it('falls back to libx264 when no hardware encoder works, and tests only once', async () => {
    const test = vi.fn(async () => {
      throw new Error('No device');
    });
    const options = {
      bin: '/fake/ffmpeg-b',
      capabilities: caps('libx264', 'h264_videotoolbox'),
      platform: 'darwin' as const,
      testEncode: test,
    };
    expect((await chooseVideoEncoder(options)).encoder).toBe('libx264');
    expect((await chooseVideoEncoder(options)).encoder).toBe('libx264');
    expect(test).toHaveBeenCalledTimes(1);
  });

  it('fails when nothing can encode H.264', async () => {
    await expect(
      chooseVideoEncoder({
        bin: '/fake/ffmpeg-c',
        capabilities: caps(),
        platform: 'linux',
        testEncode: vi.fn(),
      }),
    ).rejects.toThrow(/no usable H.264 encoder/);
  });

  it('picks libx264 on the bundled ffmpeg', async () => {
    const { resolveFfmpegBinaries } = await import('../ffmpeg/ffmpeg-binaries.js');
    expect((await chooseVideoEncoder({ bin: resolveFfmpegBinaries({}).ffmpeg.path })).encoder).toBe(
      'libx264',
    );
  });
});

describe('videoEncoderArgs', () => {
  it.each(['libx264', 'h264_nvenc', 'h264_qsv', 'h264_videotoolbox'] as const)(
    '%s: High profile, capped',
    (e) => {
      const args = videoEncoderArgs(e, { fps: 30, maxBitrate: 8_000_000 });
      expect(args).toEqual(
        expect.arrayContaining(['-c:v', e, '-profile:v', 'high', '-maxrate', '8000000', '-g', '60']),
      );
    },
  );
});
