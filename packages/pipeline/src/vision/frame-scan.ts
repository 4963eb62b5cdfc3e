import { startFfmpeg, type CommandLogger } from '../ffmpeg/run-ffmpeg.js';

/**
 * Every frame of a video's first video stream, read from its packets (a demux, no decoding): each
 * frame's pts in presentation order, and which frames are not B-frames. A packet whose pts is later
 * than every packet before it in decode order is an I or P frame; one that comes earlier is a
 * B-frame, shown before a frame already sent (B-pyramid references included). These are exactly the
 * frames a decoder keeps with `-skip_frame bidir`.
 */
export interface FrameScan {
  /** pts in seconds, presentation order (as a decode of the same file reports them). */
  pts: number[];
  /** Presentation indices of the frames that are not B-frames, ascending. */
  referenceIndices: number[];
}

/** `#tb 0: 1/15360` */
const TIME_BASE = /^#tb 0: (\d+)\/(\d+)/;

/** Reads the packets of `input` with ffmpeg (stream copy into `framecrc`); null when they carry no usable pts. */
export async function scanFrames(options: {
  ffmpeg: string;
  input: string;
  signal?: AbortSignal | undefined;
  logger?: CommandLogger | undefined;
}): Promise<FrameScan | null> {
  const run = startFfmpeg({
    bin: options.ffmpeg,
    args: [
      '-hide_banner',
      '-nostdin',
      '-v',
      'error',
      '-i',
      options.input,
      '-map',
      '0:v:0',
      '-c',
      'copy',
      '-f',
      'framecrc',
      '-',
    ],
    stdout: 'stream',
    signal: options.signal,
    logger: options.logger,
  });
  const parser = createFramecrcParser();
  let rest = '';
  for await (const chunk of run.stdout as AsyncIterable<Buffer>) {
    const lines = (rest + chunk.toString('latin1')).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) parser.line(line);
  }
  parser.line(rest);
  await run.done;
  return parser.finish();
}

/** The framecrc lines of one stream, in decode order, to a FrameScan. */
export function createFramecrcParser() {
  let timeBase = Number.NaN;
  const decodeOrder: number[] = [];
  let usable = true;
  return {
    line(line: string) {
      const tb = TIME_BASE.exec(line);
      if (tb) timeBase = Number(tb[1]) / Number(tb[2]);
      if (!line.startsWith('0,')) return;
      const pts = Number(line.split(',')[2]);
      if (!Number.isFinite(pts)) usable = false;
      decodeOrder.push(pts);
    },
    finish(): FrameScan | null {
      if (!usable || !(timeBase > 0) || decodeOrder.length === 0) return null;
      let latest = -Infinity;
      const reference = new Set<number>();
      for (const pts of decodeOrder) {
        if (pts > latest) reference.add(pts);
        latest = Math.max(latest, pts);
      }
      const order = [...decodeOrder].sort((a, b) => a - b);
      // Two packets with one pts cannot both be shown: the stream is not one a decode maps back to.
      if (order.some((pts, i) => i > 0 && pts === order[i - 1])) return null;
      const referenceIndices: number[] = [];
      order.forEach((pts, i) => reference.has(pts) && referenceIndices.push(i));
      return { pts: order.map((pts) => pts * timeBase), referenceIndices };
    },
  };
}
