import { describe, expect, it } from 'vitest';
import { createShowinfoParser, parseShowinfoLine } from './showinfo-parser.js';

describe('parseShowinfoLine', () => {
  it.each<[string, { n: number; ptsTime: number; name: string | null } | null]>([
    [
      '[Parsed_showinfo_3 @ 0x5601] n:  12 pts:  12012 pts_time:0.4004  pos:  1234 fmt:gray sar:1/1 s:64x36',
      { n: 12, ptsTime: 0.4004, name: null },
    ],
    ['[Parsed_showinfo_1 @ 0x1] n:0 pts:0 pts_time:0 pos:48 fmt:rgb24', { n: 0, ptsTime: 0, name: null }],
    [
      '[Parsed_showinfo_1 @ 0x1] n:   3 pts:-1001 pts_time:-0.0417 pos:-1',
      { n: 3, ptsTime: -0.0417, name: null },
    ],
    // A named instance: the outputs of one decode tell their lines apart.
    [
      '[showinfo@o1 @ 0x2f0c1240] n:   7 pts:  14 pts_time:1.4 pos: -1 fmt:rgb24',
      { n: 7, ptsTime: 1.4, name: 'o1' },
    ],
    ['[showinfo@o1 @ 0x2f0c1240] config in time_base: 1/10, frame_rate: 10/1', null],
    ['[Parsed_showinfo_1 @ 0x1] config in time_base: 1/30000, frame_rate: 30000/1001', null],
    ['frame=  100 fps=0.0 q=-0.0 size=N/A time=00:00:04.00', null],
  ])('%s', (line, expected) => {
    expect(parseShowinfoLine(line)).toEqual(expected);
  });

  it('handles lines split across chunks', () => {
    const seen: Array<[number, number]> = [];
    const push = createShowinfoParser((n, t) => seen.push([n, t]));
    push('[Parsed_showinfo_2 @ 0x1] n:   0 pts:      0 pts_ti');
    push('me:0 pos: 1\n[Parsed_showinfo_2 @ 0x1] n:   1 pts:   1001 pts_time:0.0417 pos: 2\n');
    expect(seen).toEqual([
      [0, 0],
      [1, 0.0417],
    ]);
  });
});
