import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFfmpeg } from '../ffmpeg/run-ffmpeg.js';
import { resolveFfmpegBinaries } from '../ffmpeg/ffmpeg-binaries.js';
import { loudnessPerSecond, parseMomentaryLoudness } from './loudness.js';

describe('parseMomentaryLoudness', () => {
  const frames = (values: Array<[number, string]>) =>
    values.map(([t, m], i) => `frame:${i}    pts:${t * 48000}   pts_time:${t}\nlavfi.r128.M=${m}\n`).join('');
  const cases: Array<[string, string, Array<{ t: number; lufs: number }>]> = [
    [
      'one value per second',
      frames([
        [0.1, '-20'],
        [1.1, '-30'],
      ]),
      [
        { t: 0, lufs: -20 },
        { t: 1, lufs: -30 },
      ],
    ],
    // Energy mean of -20 and -30 LUFS is -22.6, not the arithmetic -25.
    [
      'energy mean inside a second',
      frames([
        [0.2, '-20'],
        [0.5, '-30'],
      ]),
      [{ t: 0, lufs: -22.6 }],
    ],
    [
      'silence is floored at -70',
      frames([
        [0, '-inf'],
        [0.1, '-120.7'],
      ]),
      [{ t: 0, lufs: -70 }],
    ],
    ['ignores other lines', `noise\n${frames([[2.15, '-18']])}lavfi.r128.M=-5\n`, [{ t: 2, lufs: -18 }]],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    expect(parseMomentaryLoudness(text)).toEqual(expected);
  });
});

describe('loudnessPerSecond', () => {
  it('measures a quiet second, a loud second and silence with the bundled ffmpeg', async () => {
    const bin = resolveFfmpegBinaries().ffmpeg.path;
    const dir = await mkdtemp(path.join(tmpdir(), 'kirinuki-loudness-'));
    try {
      const wav = path.join(dir, 'steps.wav');
      const expr = 'if(lt(t,1),0.05*sin(2*PI*440*t),if(lt(t,2),0.7*sin(2*PI*440*t),0))'.replace(/,/g, '\\,');
      await runFfmpeg({
        bin,
        args: ['-v', 'error', '-f', 'lavfi', '-i', `aevalsrc=${expr}:s=48000:d=4`, '-y', wav],
      });
      const seconds = await loudnessPerSecond({ bin, input: wav, durationSec: 4 });
      expect(seconds.map((s) => s.t)).toEqual([0, 1, 2, 3]);
      expect(seconds[1]!.lufs - seconds[0]!.lufs).toBeGreaterThan(15);
      expect(seconds[3]!.lufs).toBeLessThan(-60);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
