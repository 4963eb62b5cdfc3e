/**
 * Reads frame timestamps from ffmpeg's `showinfo` lines on stderr, e.g.
 * `[Parsed_showinfo_3 @ 0x…] n:  12 pts:  12012 pts_time:0.4004 pos: … ` — one per frame, in order.
 */
export function createShowinfoParser(onFrame: (n: number, ptsTime: number, name: string | null) => void) {
  let pending = '';
  return (chunk: string): void => {
    pending += chunk;
    const lines = pending.split(/\r?\n|\r/);
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const parsed = parseShowinfoLine(line);
      if (parsed) onFrame(parsed.n, parsed.ptsTime, parsed.name);
    }
  };
}

/**
 * One frame's line; `name` is the instance name of a named showinfo (`[showinfo@o1 @ 0x…]`),
 * null for an unnamed one.
 */
export function parseShowinfoLine(line: string): { n: number; ptsTime: number; name: string | null } | null {
  const named = /^\[showinfo@([\w-]+) @/.exec(line);
  if (!named && !line.includes('Parsed_showinfo')) return null;
  const match = /\bn:\s*(\d+)\s+pts:\s*(-?\d+|NOPTS)\s+pts_time:\s*(-?[\d.]+(?:e-?\d+)?|NOPTS)/.exec(line);
  if (!match) return null;
  const ptsTime = Number.parseFloat(match[3] as string);
  return {
    n: Number(match[1]),
    ptsTime: Number.isFinite(ptsTime) ? ptsTime : Number.NaN,
    name: named?.[1] ?? null,
  };
}
