/** One report from ffmpeg's `-progress` output, turned into what a progress bar needs. */
export interface FfmpegProgress {
  /** 0..1 when the total duration is known, else null. */
  fraction: number | null;
  /** Media time processed so far, in seconds. */
  outTimeSec: number;
  frame: number | null;
  /** Processing speed as a multiple of real time (ffmpeg's "speed=2.5x"), null when unknown. */
  speed: number | null;
  /** Seconds of wall time left, null when it cannot be estimated yet. */
  etaSec: number | null;
  done: boolean;
}

function parseNumber(value: string | undefined): number | null {
  if (value === undefined) return null;
  const n = Number.parseFloat(value);
  return Number.isFinite(n) ? n : null;
}

/** "00:01:02.500000" → 62.5; also accepts a leading minus ffmpeg prints before the first frame. */
export function parseClockTime(value: string | undefined): number | null {
  if (!value) return null;
  const match = /^(-)?(\d+):(\d{2}):(\d{2}(?:\.\d+)?)$/.exec(value.trim());
  if (!match) return null;
  const seconds = Number(match[2]) * 3600 + Number(match[3]) * 60 + Number(match[4]);
  return match[1] ? -seconds : seconds;
}

/**
 * Interprets one block of `key=value` lines (ending in `progress=continue|end`).
 * `durationSec` is the media duration being processed; `elapsedSec` the wall time so far,
 * used for the ETA when ffmpeg reports no speed.
 */
export function interpretProgressBlock(
  fields: Readonly<Record<string, string>>,
  durationSec: number | null,
  elapsedSec: number,
): FfmpegProgress {
  // out_time_ms is in microseconds too (a long-standing ffmpeg quirk); out_time is the clock form.
  const micros = parseNumber(fields.out_time_us) ?? parseNumber(fields.out_time_ms);
  const outTimeSec = Math.max(0, micros !== null ? micros / 1e6 : (parseClockTime(fields.out_time) ?? 0));
  const done = fields.progress === 'end';
  const speedMatch = /^([\d.]+)x$/.exec((fields.speed ?? '').trim());
  const speed = speedMatch ? Number(speedMatch[1]) : null;
  const frame = parseNumber(fields.frame);

  const hasDuration = durationSec !== null && durationSec > 0;
  const fraction = done ? 1 : hasDuration ? Math.min(1, outTimeSec / durationSec) : null;
  let etaSec: number | null = null;
  if (done) etaSec = 0;
  else if (hasDuration) {
    const remaining = Math.max(0, durationSec - outTimeSec);
    if (speed !== null && speed > 0) etaSec = remaining / speed;
    else if (outTimeSec > 0 && elapsedSec > 0) etaSec = remaining / (outTimeSec / elapsedSec);
  }
  return { fraction, outTimeSec, frame: frame === null ? null : Math.trunc(frame), speed, etaSec, done };
}

/**
 * Splits the `-progress` stream into blocks. Feed it chunks as they arrive; it calls `onBlock`
 * with the fields of each complete block.
 */
export function createProgressStreamParser(onBlock: (fields: Record<string, string>) => void) {
  let pending = '';
  let fields: Record<string, string> = {};
  return (chunk: string): void => {
    pending += chunk;
    const lines = pending.split(/\r?\n/);
    pending = lines.pop() ?? '';
    for (const line of lines) {
      const eq = line.indexOf('=');
      if (eq <= 0) continue;
      const key = line.slice(0, eq).trim();
      fields[key] = line.slice(eq + 1).trim();
      if (key === 'progress') {
        onBlock(fields);
        fields = {};
      }
    }
  };
}
