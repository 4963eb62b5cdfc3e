import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pino, type Logger } from 'pino';
import type PinoPretty from 'pino-pretty';

// Loaded only for a terminal: it and its streams take ~20 ms of every command's start.
const loadPretty = () => createRequire(import.meta.url)('pino-pretty') as typeof PinoPretty;

export type { Logger };

export interface LoggerOptions {
  /** JSON lines go to `<logDir>/kirinuki-<date>.log`; null logs to the console only. */
  logDir: string | null;
  /** A readable copy on stderr (for TTYs); its level. */
  consoleLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  pretty: boolean;
  correlationId: string;
  name?: string;
}

/** The file that `createLogger` writes to on the given day. */
export function logFileFor(logDir: string, date = new Date()): string {
  return path.join(logDir, `kirinuki-${date.toISOString().slice(0, 10)}.log`);
}

/**
 * pino logger writing JSON lines to the library's log folder and, when asked, a readable copy
 * to stderr. Every line carries the correlation id (a CLI run, job or request).
 */
export function createLogger(options: LoggerOptions): Logger {
  const streams: pino.StreamEntry[] = [];
  if (options.logDir) {
    try {
      mkdirSync(options.logDir, { recursive: true });
      streams.push({
        level: 'debug',
        stream: pino.destination({ dest: logFileFor(options.logDir), sync: true }),
      });
    } catch {
      // An unwritable library is reported by the caller (doctor says so); keep logging to the console.
    }
  }
  if (options.consoleLevel !== 'silent') {
    const stream = options.pretty
      ? loadPretty()({ destination: 2, sync: true, colorize: true, ignore: 'pid,hostname,correlationId' })
      : pino.destination({ dest: 2, sync: true });
    streams.push({ level: options.consoleLevel, stream });
  }
  return pino(
    { level: 'debug', base: { correlationId: options.correlationId, name: options.name ?? 'kirinuki' } },
    pino.multistream(streams),
  );
}
