import { describe, expect, it } from 'vitest';
import { createProgressStreamParser, interpretProgressBlock, parseClockTime } from './ffmpeg-progress.js';

describe('parseClockTime', () => {
  it.each([
    ['00:00:00.000000', 0],
    ['00:01:02.500000', 62.5],
    ['01:00:00.25', 3600.25],
    ['-00:00:00.040000', -0.04],
    ['N/A', null],
    ['', null],
    [undefined, null],
  ])('%s → %s', (input, expected) => {
    expect(parseClockTime(input)).toBe(expected);
  });
});

describe('interpretProgressBlock', () => {
  const cases: Array<{
    name: string;
    fields: Record<string, string>;
    duration: number | null;
    elapsed: number;
    expect: {
      fraction: number | null;
      outTimeSec: number;
      speed: number | null;
      etaSec: number | null;
      done: boolean;
    };
  }> = [
    {
      name: 'half way at 2x',
      fields: { frame: '250', out_time_us: '5000000', speed: '2x', progress: 'continue' },
      duration: 10,
      elapsed: 2.5,
      expect: { fraction: 0.5, outTimeSec: 5, speed: 2, etaSec: 2.5, done: false },
    },
    {
      name: 'out_time_ms is microseconds as well',
      fields: { out_time_ms: '2500000', speed: '1.25x', progress: 'continue' },
      duration: 10,
      elapsed: 2,
      expect: { fraction: 0.25, outTimeSec: 2.5, speed: 1.25, etaSec: 6, done: false },
    },
    {
      name: 'clock form only, no speed: ETA from elapsed time',
      fields: { out_time: '00:00:04.000000', speed: 'N/A', progress: 'continue' },
      duration: 8,
      elapsed: 1,
      expect: { fraction: 0.5, outTimeSec: 4, speed: null, etaSec: 1, done: false },
    },
    {
      name: 'unknown duration',
      fields: { out_time_us: '3000000', speed: '3x', progress: 'continue' },
      duration: null,
      elapsed: 1,
      expect: { fraction: null, outTimeSec: 3, speed: 3, etaSec: null, done: false },
    },
    {
      name: 'negative start time is clamped',
      fields: { out_time_us: '-40000', speed: 'N/A', progress: 'continue' },
      duration: 10,
      elapsed: 0.1,
      expect: { fraction: 0, outTimeSec: 0, speed: null, etaSec: null, done: false },
    },
    {
      name: 'overshoot is clamped to 1',
      fields: { out_time_us: '10500000', speed: '1x', progress: 'continue' },
      duration: 10,
      elapsed: 10,
      expect: { fraction: 1, outTimeSec: 10.5, speed: 1, etaSec: 0, done: false },
    },
    {
      name: 'end',
      fields: { out_time_us: '9960000', speed: '4x', progress: 'end' },
      duration: 10,
      elapsed: 2.5,
      expect: { fraction: 1, outTimeSec: 9.96, speed: 4, etaSec: 0, done: true },
    },
  ];
  it.each(cases)('$name', (c) => {
    expect(interpretProgressBlock(c.fields, c.duration, c.elapsed)).toMatchObject(c.expect);
  });
});

describe('createProgressStreamParser', () => {
  it('emits complete blocks across arbitrary chunk boundaries', () => {
    const blocks: Array<Record<string, string>> = [];
    const push = createProgressStreamParser((b) => blocks.push(b));
    const text =
      'frame=1\nout_time_us=40000\nprogress=continue\nframe=2\r\nout_time_us=80000\r\nprogress=end\n';
    for (const ch of text) push(ch);
    expect(blocks).toEqual([
      { frame: '1', out_time_us: '40000', progress: 'continue' },
      { frame: '2', out_time_us: '80000', progress: 'end' },
    ]);
  });
  it('ignores lines without a key', () => {
    const blocks: Array<Record<string, string>> = [];
    const push = createProgressStreamParser((b) => blocks.push(b));
    push('garbage\n=x\nprogress=end\n');
    expect(blocks).toEqual([{ progress: 'end' }]);
  });
});
