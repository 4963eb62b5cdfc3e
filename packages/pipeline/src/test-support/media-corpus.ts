// Generated test media (bundled ffmpeg, lavfi sources): the valid containers Kirinuki must accept and
// a corpus of bad inputs with the exact error code each must produce. Made in a temp folder at test time.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ErrorCode } from '@kirinuki/contracts';
import { resolveFfmpegBinaries } from '../ffmpeg/ffmpeg-binaries.js';
import { runFfmpeg, type FfmpegArg } from '../ffmpeg/run-ffmpeg.js';

const ffmpeg = () => resolveFfmpegBinaries().ffmpeg.path;

export async function makeVideo(
  out: string,
  args: FfmpegArg[],
  opts: { duration?: number; size?: string; rate?: number; audio?: boolean } = {},
) {
  const { duration = 3, size = '160x120', rate = 25, audio = true } = opts;
  await runFfmpeg({
    bin: ffmpeg(),
    args: [
      '-hide_banner',
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      `testsrc=size=${size}:rate=${rate}:duration=${duration}`,
      audio && '-f',
      audio && 'lavfi',
      audio && '-i',
      audio && `sine=frequency=330:duration=${duration}`,
      ...args,
      out,
    ],
  });
  return out;
}

/** A test-pattern video whose audio is the given speech file (cut to the shorter of the two). */
export function makeSpeechVideo(
  out: string,
  speech: string,
  opts: { duration: number; size?: string },
): Promise<string> {
  return makeVideo(
    out,
    [
      '-i',
      speech,
      '-map',
      '0:v',
      '-map',
      '2:a',
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-c:a',
      'aac',
      '-shortest',
    ],
    { duration: opts.duration, ...(opts.size ? { size: opts.size } : {}) },
  );
}

/** Writes a 90° display matrix into the first `tkhd` box, as a phone does for a portrait video. */
export function rotateMp4(file: string): void {
  const data = readFileSync(file);
  const at = data.indexOf('tkhd');
  if (at < 0) throw new Error('no tkhd box');
  const version = data[at + 4];
  const matrixOffset = at + 4 + (version === 1 ? 52 : 40);
  const matrix = [0, 0x00010000, 0, -0x00010000, 0, 0, 0, 0, 0x40000000];
  matrix.forEach((v, i) => data.writeInt32BE(v, matrixOffset + i * 4));
  writeFileSync(file, data);
}

export interface GoodMedia {
  mp4: string;
  mp4MoovAtEnd: string;
  mov: string;
  mkvVp9: string;
  webmAv1: string;
  aviXvidAc3: string;
  rotatedMp4: string;
  vfrMp4: string;
  oddName: string;
}

/** One of each container/codec the importer must accept. */
export async function makeGoodMedia(dir: string): Promise<GoodMedia> {
  mkdirSync(dir, { recursive: true });
  const p = (name: string) => path.join(dir, name);
  const h264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac'];
  const [mp4, mp4MoovAtEnd, mov, mkvVp9, webmAv1, aviXvidAc3, rotatedMp4, vfrMp4] = await Promise.all([
    makeVideo(p('good.mp4'), [...h264, '-movflags', '+faststart']),
    makeVideo(p('moov-at-end.mp4'), h264),
    makeVideo(p('good.mov'), h264),
    makeVideo(p('good.mkv'), [
      '-c:v',
      'libvpx-vp9',
      '-deadline',
      'realtime',
      '-cpu-used',
      '8',
      '-c:a',
      'libopus',
    ]),
    makeVideo(
      p('good.webm'),
      ['-c:v', 'libaom-av1', '-strict', '-2', '-cpu-used', '8', '-b:v', '100k', '-c:a', 'libopus'],
      { size: '64x64', duration: 1.5 },
    ),
    makeVideo(p('xvid-ac3.avi'), ['-c:v', 'libxvid', '-c:a', 'ac3']),
    makeVideo(p('rotated.mp4'), [...h264, '-movflags', '+faststart'], { size: '192x108' }),
    makeVideo(p('vfr.mp4'), ['-vf', "select='not(mod(n\\,3))+eq(n\\,1)'", '-vsync', 'vfr', ...h264], {
      rate: 30,
      audio: false,
    }),
  ]);
  rotateMp4(rotatedMp4);
  const oddName = p('my clip ünïcödé 切り抜き ..mp4');
  copyFileSync(mp4, oddName);
  return { mp4, mp4MoovAtEnd, mov, mkvVp9, webmAv1, aviXvidAc3, rotatedMp4, vfrMp4, oddName };
}

/** One file from an ffmpeg lavfi source (a still picture or a tone), written as `name` in `dir`. */
async function lavfiFile(
  dir: string,
  name: string,
  source: string,
  extra: FfmpegArg[] = [],
): Promise<string> {
  const out = path.join(dir, name);
  await runFfmpeg({ bin: ffmpeg(), args: ['-v', 'error', '-y', '-f', 'lavfi', '-i', source, ...extra, out] });
  return out;
}

/** A picture saved under a video's name (what a user might pick by mistake). */
async function renamedStill(dir: string, picture: string, asName: string): Promise<string> {
  const still = await lavfiFile(dir, picture, 'testsrc=size=160x120:duration=1', ['-frames:v', '1']);
  copyFileSync(still, path.join(dir, asName));
  return path.join(dir, asName);
}

export interface BadInput {
  name: string;
  code: ErrorCode;
  /** Makes the input in `dir` and returns the path to import. */
  make(dir: string, good: GoodMedia): Promise<string> | string;
}

const truncate = (src: string, out: string, fraction: number) => {
  const data = readFileSync(src);
  writeFileSync(out, data.subarray(0, Math.floor(data.length * fraction)));
  return out;
};

/** The bad local inputs and the code each must be refused with. */
export const BAD_FILE_INPUTS: BadInput[] = [
  {
    name: 'zero-byte file',
    code: 'EMPTY_FILE',
    make: (d) => (writeFileSync(path.join(d, 'empty.mp4'), ''), path.join(d, 'empty.mp4')),
  },
  {
    name: 'MP4 truncated at 10 %',
    code: 'CORRUPT_MEDIA',
    make: (d, g) => truncate(g.mp4, path.join(d, 't10.mp4'), 0.1),
  },
  {
    name: 'MP4 truncated at 50 %',
    code: 'CORRUPT_MEDIA',
    make: (d, g) => truncate(g.mp4, path.join(d, 't50.mp4'), 0.5),
  },
  {
    name: 'MP4 truncated at 90 %',
    code: 'CORRUPT_MEDIA',
    make: (d, g) => truncate(g.mp4, path.join(d, 't90.mp4'), 0.9),
  },
  {
    name: 'MP4 (moov at end) truncated at 90 %',
    code: 'CORRUPT_MEDIA',
    make: (d, g) => truncate(g.mp4MoovAtEnd, path.join(d, 'te90.mp4'), 0.9),
  },
  {
    name: 'MKV truncated at 50 %',
    code: 'CORRUPT_MEDIA',
    make: (d, g) => truncate(g.mkvVp9, path.join(d, 't50.mkv'), 0.5),
  },
  {
    name: 'AVI truncated at 50 %',
    code: 'CORRUPT_MEDIA',
    make: (d, g) => truncate(g.aviXvidAc3, path.join(d, 't50.avi'), 0.5),
  },
  {
    name: 'text renamed .mp4',
    code: 'UNSUPPORTED_FORMAT',
    make: (d) => (
      writeFileSync(path.join(d, 'notes.mp4'), 'Meeting notes\nbuy milk\n'.repeat(50)),
      path.join(d, 'notes.mp4')
    ),
  },
  {
    name: 'HTML page renamed .mp4',
    code: 'UNSUPPORTED_FORMAT',
    make: (d) => (
      writeFileSync(path.join(d, 'page.mp4'), '<!DOCTYPE html><html><body>hi</body></html>'),
      path.join(d, 'page.mp4')
    ),
  },
  {
    name: 'random bytes',
    code: 'UNSUPPORTED_FORMAT',
    make: (d) => (
      writeFileSync(
        path.join(d, 'noise.mp4'),
        Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 7919 + 13) % 251)),
      ),
      path.join(d, 'noise.mp4')
    ),
  },
  {
    name: 'MP4 signature with garbage after it',
    code: 'CORRUPT_MEDIA',
    make: (d) => (
      writeFileSync(
        path.join(d, 'ftyp-garbage.mp4'),
        Buffer.concat([
          Buffer.from('\0\0\0\x18ftypisom\0\0\0\0isommp41', 'latin1'),
          Buffer.alloc(4000, 0xab),
        ]),
      ),
      path.join(d, 'ftyp-garbage.mp4')
    ),
  },
  {
    name: 'Matroska signature with garbage after it',
    code: 'CORRUPT_MEDIA',
    make: (d) => (
      writeFileSync(
        path.join(d, 'mkv-garbage.mkv'),
        Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3]), Buffer.alloc(4000, 0x5a)]),
      ),
      path.join(d, 'mkv-garbage.mkv')
    ),
  },
  {
    name: 'AVI signature with garbage after it',
    code: 'CORRUPT_MEDIA',
    make: (d) => (
      writeFileSync(
        path.join(d, 'avi-garbage.avi'),
        Buffer.concat([Buffer.from('RIFF\0\0\0\0AVI LIST', 'latin1'), Buffer.alloc(4000, 0x11)]),
      ),
      path.join(d, 'avi-garbage.avi')
    ),
  },
  {
    name: 'PNG renamed .mp4',
    code: 'NO_VIDEO_STREAM',
    make: (d) => renamedStill(d, 'image.png', 'image.mp4'),
  },
  {
    name: 'JPEG renamed .mov',
    code: 'NO_VIDEO_STREAM',
    make: (d) => renamedStill(d, 'photo.jpg', 'photo.mov'),
  },
  {
    name: 'audio-only WAV',
    code: 'NO_VIDEO_STREAM',
    make: (d) => lavfiFile(d, 'speech.wav', 'sine=duration=3'),
  },
  {
    name: 'audio-only MP3',
    code: 'NO_VIDEO_STREAM',
    make: (d) => lavfiFile(d, 'song.mp3', 'sine=duration=3'),
  },
  {
    name: '8×8 px video',
    code: 'DIMENSIONS_OUT_OF_RANGE',
    make: (d) =>
      makeVideo(path.join(d, 'tiny.mp4'), ['-c:v', 'libx264', '-pix_fmt', 'yuv420p'], {
        size: '8x8',
        audio: false,
      }),
  },
  {
    name: 'a header declaring 20000×20000',
    code: 'DIMENSIONS_OUT_OF_RANGE',
    make: (d) => {
      const out = path.join(d, 'huge.y4m');
      writeFileSync(
        out,
        Buffer.concat([
          Buffer.from('YUV4MPEG2 W20000 H20000 F25:1 Ip A1:1 C420jpeg\nFRAME\n'),
          Buffer.alloc(2000, 0x80),
        ]),
      );
      return out;
    },
  },
  {
    name: 'half-second video',
    code: 'DURATION_OUT_OF_RANGE',
    make: (d) =>
      makeVideo(path.join(d, 'short.mp4'), ['-c:v', 'libx264', '-pix_fmt', 'yuv420p'], {
        duration: 0.5,
        audio: false,
      }),
  },
  {
    name: 'a folder',
    code: 'NOT_A_FILE',
    make: (d) => (mkdirSync(path.join(d, 'folder.mp4')), path.join(d, 'folder.mp4')),
  },
  {
    name: 'a named pipe',
    code: 'NOT_A_FILE',
    make: (d) => {
      execFileSync('mkfifo', [path.join(d, 'pipe.mp4')]);
      return path.join(d, 'pipe.mp4');
    },
  },
  {
    name: 'a path that does not exist',
    code: 'FILE_NOT_FOUND',
    make: (d) => path.join(d, 'nowhere', 'missing.mp4'),
  },
  {
    name: 'a path with ../ that leads nowhere',
    code: 'FILE_NOT_FOUND',
    make: (d) => path.join(d, 'a', '..', '..', 'no such dir', 'clip.mp4'),
  },
  {
    name: 'a symlink loop',
    code: 'FILE_NOT_FOUND',
    make: (d) => {
      symlinkSync(path.join(d, 'loop-b.mp4'), path.join(d, 'loop-a.mp4'));
      symlinkSync(path.join(d, 'loop-a.mp4'), path.join(d, 'loop-b.mp4'));
      return path.join(d, 'loop-a.mp4');
    },
  },
  {
    name: 'a dangling symlink',
    code: 'FILE_NOT_FOUND',
    make: (d) => (
      symlinkSync(path.join(d, 'gone.mp4'), path.join(d, 'dangling.mp4')),
      path.join(d, 'dangling.mp4')
    ),
  },
  {
    name: 'text with spaces, ../ and non-ASCII in its name',
    code: 'UNSUPPORTED_FORMAT',
    make: (d) => {
      mkdirSync(path.join(d, 'sub dir'), { recursive: true });
      writeFileSync(path.join(d, 'über ..名前.mp4'), 'not a video at all, just words\n');
      return path.join(d, 'sub dir', '..', 'über ..名前.mp4');
    },
  },
];

/** A file only its owner can read (refused when the importer runs as another user). */
export function makeUnreadable(dir: string, good: GoodMedia): string {
  const out = path.join(dir, 'locked.mp4');
  copyFileSync(good.mp4, out);
  chmodSync(out, 0o000);
  return out;
}
