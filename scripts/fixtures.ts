// `pnpm fixtures`: makes the small, deterministic media the tests use, into fixtures/media.
// Video comes from ffmpeg's lavfi sources through the bundled ffmpeg (so results match on every
// machine); speech from espeak-ng when it is installed (otherwise the committed file is kept).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveFfmpegBinaries, runFfmpeg, type FfmpegArg } from '@kirinuki/pipeline';

const OUT = fileURLToPath(new URL('../fixtures/media', import.meta.url));
const { ffmpeg } = resolveFfmpegBinaries();
const BITEXACT = [
  '-fflags',
  '+bitexact',
  '-flags:v',
  '+bitexact',
  '-flags:a',
  '+bitexact',
  '-map_metadata',
  '-1',
  '-threads',
  '1',
];

interface FixtureSpec {
  file: string;
  what: string;
  needs?: 'espeak-ng';
  make(out: string): Promise<void>;
}

const ffmpegMake = (args: FfmpegArg[]) => async (out: string) => {
  await runFfmpeg({
    bin: ffmpeg.path,
    args: ['-hide_banner', '-loglevel', 'error', '-y', ...args, ...BITEXACT, out],
  });
};

function hasCommand(name: string): boolean {
  try {
    execFileSync(name, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export const FIXTURES: FixtureSpec[] = [
  {
    file: 'testsrc-2s-320x240.mp4',
    what: '2 s H.264/AAC MP4, 320×240 at 25 fps, test pattern with a 440 Hz tone',
    make: ffmpegMake([
      '-f',
      'lavfi',
      '-i',
      'testsrc=size=320x240:rate=25:duration=2',
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=440:sample_rate=48000:duration=2',
      '-c:v',
      'libx264',
      '-preset',
      'veryfast',
      '-pix_fmt',
      'yuv420p',
      '-c:a',
      'aac',
      '-b:a',
      '64k',
      '-movflags',
      '+faststart',
      '-shortest',
    ]),
  },
  {
    file: 'speech-en-16k.wav',
    what: 'espeak-ng English sentence, 16 kHz mono PCM',
    needs: 'espeak-ng',
    async make(out) {
      const raw = `${out}.raw.wav`;
      execFileSync('espeak-ng', [
        '-v',
        'en-us',
        '-s',
        '150',
        '-w',
        raw,
        'Kirinuki turns long videos into short clips.',
      ]);
      await ffmpegMake(['-i', raw, '-ar', '16000', '-ac', '1', '-c:a', 'pcm_s16le'])(out);
      rmSync(raw, { force: true });
    },
  },
];

async function main(): Promise<void> {
  mkdirSync(OUT, { recursive: true });
  const espeak = hasCommand('espeak-ng');
  for (const spec of FIXTURES) {
    const target = path.join(OUT, spec.file);
    if (spec.needs === 'espeak-ng' && !espeak) {
      console.log(
        `skip ${spec.file}: espeak-ng is not installed${existsSync(target) ? ' (keeping the committed file)' : ''}`,
      );
      continue;
    }
    const temp = `${target}.part${path.extname(target)}`;
    await spec.make(temp);
    renameSync(temp, target);
    console.log(`made ${spec.file} (${statSync(target).size} bytes): ${spec.what}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) await main();
