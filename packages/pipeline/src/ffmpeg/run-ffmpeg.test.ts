import { describe, expect, it } from 'vitest';
import { isAbortError, UserFacingError } from '@kirinuki/contracts';
import type { FfmpegProgress } from './ffmpeg-progress.js';
import { resolveFfmpegBinaries } from './ffmpeg-binaries.js';
import {
  compactArgs,
  type FfmpegArg,
  FfmpegFailedError,
  formatCommandLine,
  killAllFfmpeg,
  runFfmpeg,
  runningFfmpegCount,
  startFfmpeg,
} from './run-ffmpeg.js';

const { ffmpeg } = resolveFfmpegBinaries({});

describe('compactArgs / formatCommandLine', () => {
  it.each<[FfmpegArg[], string[]]>([
    [
      ['-i', 'a.mp4', null, undefined, false, '-t', 5],
      ['-i', 'a.mp4', '-t', '5'],
    ],
    [
      [0, '', 'x'],
      ['0', '', 'x'],
    ],
  ])('%j → %j', (input, output) => {
    expect(compactArgs(input)).toEqual(output);
  });
  it('quotes what a shell would split', () => {
    expect(formatCommandLine('/bin/ffmpeg', ['-i', 'my file.mp4', "it's", '-vf', 'scale=320:-2'])).toBe(
      `/bin/ffmpeg -i 'my file.mp4' 'it'\\''s' -vf scale=320:-2`,
    );
  });
});

describe('runFfmpeg', () => {
  it('reports progress with fraction and ETA, and logs the command line without nulls', async () => {
    const reports: FfmpegProgress[] = [];
    const logged: string[] = [];
    const result = await runFfmpeg({
      bin: ffmpeg.path,
      args: [
        '-hide_banner',
        '-f',
        'lavfi',
        '-i',
        'testsrc=size=160x120:rate=25:duration=4',
        null,
        '-f',
        'null',
        '-',
      ],
      durationSec: 4,
      onProgress: (p) => reports.push(p),
      logger: { debug: (obj) => logged.push(JSON.stringify(obj)) },
    });
    expect(reports.length).toBeGreaterThan(0);
    const last = reports.at(-1)!;
    expect(last.done).toBe(true);
    expect(last.fraction).toBe(1);
    expect(last.outTimeSec).toBeGreaterThan(3.5);
    expect(result.commandLine).toMatch(/ -i testsrc=size=160x120:rate=25:duration=4 -f null -$/);
    expect(result.commandLine).toContain('-progress pipe:3');
    expect(logged.some((l) => l.includes('testsrc'))).toBe(true);
  });

  it('streams stdout data', async () => {
    const run = startFfmpeg({
      bin: ffmpeg.path,
      args: [
        '-hide_banner',
        '-f',
        'lavfi',
        '-i',
        'color=c=gray:size=4x4:rate=10:duration=1',
        '-f',
        'rawvideo',
        '-pix_fmt',
        'gray',
        '-',
      ],
      stdout: 'stream',
    });
    let bytes = 0;
    run.stdout!.on('data', (c: Buffer) => (bytes += c.length));
    await run.done;
    expect(bytes).toBe(16 * 10);
  });

  it('cancels with an AbortError and leaves no process behind', async () => {
    const controller = new AbortController();
    const pending = runFfmpeg({
      bin: ffmpeg.path,
      args: ['-hide_banner', '-re', '-f', 'lavfi', '-i', 'testsrc=duration=60', '-f', 'null', '-'],
      signal: controller.signal,
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(runningFfmpegCount()).toBeGreaterThan(0);
    controller.abort();
    const error = await pending.catch((e: unknown) => e);
    expect(isAbortError(error)).toBe(true);
    expect(runningFfmpegCount()).toBe(0);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const error = await runFfmpeg({
      bin: ffmpeg.path,
      args: ['-version'],
      signal: AbortSignal.abort(),
    }).catch((e: unknown) => e);
    expect(isAbortError(error)).toBe(true);
  });

  it('kills every running ffmpeg on request', async () => {
    const runs = [1, 2].map(() =>
      runFfmpeg({
        bin: ffmpeg.path,
        args: ['-re', '-f', 'lavfi', '-i', 'testsrc=duration=60', '-f', 'null', '-'],
      }),
    );
    await new Promise((r) => setTimeout(r, 200));
    expect(killAllFfmpeg()).toBe(2);
    const errors = await Promise.all(runs.map((r) => r.catch((e: unknown) => e)));
    for (const e of errors) expect(e).toBeInstanceOf(FfmpegFailedError);
    expect(runningFfmpegCount()).toBe(0);
  });

  it('tells a failure apart, with the end of stderr', async () => {
    const error = await runFfmpeg({ bin: ffmpeg.path, args: ['-i', '/nonexistent/input.mp4'] }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(FfmpegFailedError);
    expect((error as FfmpegFailedError).stderrTail).toMatch(/No such file/);
    expect(isAbortError(error)).toBe(false);
  });

  it('turns a missing binary into FFMPEG_NOT_FOUND', async () => {
    const error = await runFfmpeg({ bin: '/nonexistent/ffmpeg', args: ['-version'] }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UserFacingError);
    expect((error as UserFacingError).code).toBe('FFMPEG_NOT_FOUND');
  });
});
