export type LogLevelName = 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal';

export interface ServiceLogLine {
  level: LogLevelName;
  msg: string;
  correlationId: string | undefined;
  /** The line's other fields, without pino's own bookkeeping. */
  fields: Record<string, unknown>;
}

const LEVELS: Record<number, LogLevelName> = {
  10: 'trace',
  20: 'debug',
  30: 'info',
  40: 'warn',
  50: 'error',
  60: 'fatal',
};
const BOOKKEEPING = new Set(['level', 'time', 'msg', 'pid', 'hostname', 'name', 'correlationId']);

/** A pino JSON line a service wrote; null for anything else (a crash trace, a stray print). */
export function parseServiceLogLine(line: string): ServiceLogLine | null {
  if (!line.startsWith('{')) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const record = parsed as Record<string, unknown>;
  const level = typeof record.level === 'number' ? LEVELS[record.level] : undefined;
  if (!level) return null;
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (!BOOKKEEPING.has(key)) fields[key] = value;
  return {
    level,
    msg: typeof record.msg === 'string' ? record.msg : '',
    correlationId: typeof record.correlationId === 'string' ? record.correlationId : undefined,
    fields,
  };
}
