import { homedir } from 'node:os';
import path from 'node:path';
import type { Command } from 'commander';
import { ulid } from '../node/ids/ulid.js';
import { createLogger, type Logger } from '../node/logging/create-logger.js';
import { resolveLibraryDir } from '../node/library/library-location.js';

export interface GlobalOptions {
  json?: boolean;
  library?: string;
  verbose?: boolean;
}

export interface CliContext {
  json: boolean;
  libraryDir: string;
  logger: Logger;
  /** Aborted on Ctrl-C: long work stops and cleans up. */
  signal: AbortSignal;
  /** The folder the user ran the command in; relative paths are taken from here. */
  cwd: string;
  /** Resolves a path the user typed. */
  userPath(p: string): string;
  /** Writes a progress line to stderr (never stdout, which carries results). */
  progress(text: string): void;
  /** Ends the current progress line. */
  progressDone(): void;
}

/** What a command returns: the JSON document for --json and the text for people. */
export interface CommandOutput {
  json: unknown;
  text: string;
  /** Non-zero when part of the work failed (e.g. one of several imports); the output still prints. */
  exitCode?: 0 | 1 | 2;
}

export function createCliContext(command: Command, signal: AbortSignal): CliContext {
  const opts = command.optsWithGlobals<GlobalOptions>();
  // pnpm runs scripts from the workspace root; INIT_CWD is where the user typed the command.
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const libraryDir = resolveLibraryDir({
    flag: opts.library,
    env: process.env,
    platform: process.platform,
    home: homedir(),
    cwd,
  });
  const json = Boolean(opts.json);
  const tty = Boolean(process.stderr.isTTY);
  const logger = createLogger({
    logDir: path.join(libraryDir, 'logs'),
    consoleLevel: opts.verbose ? 'debug' : tty && !json ? 'warn' : 'error',
    pretty: tty,
    correlationId: `cli-${ulid()}`,
  });
  let lastProgressAt = 0;
  let lastLabel = '';
  let lineOpen = false;
  return {
    json,
    libraryDir,
    logger,
    signal,
    cwd,
    userPath: (p) => path.resolve(cwd, p),
    progress: (text) => {
      const now = Date.now();
      const label = text.trim().split(/\s+/)[0] ?? '';
      // A terminal gets one line redrawn in place; a log or pipe gets a line per stage and every 2 s.
      if (tty) {
        if (now - lastProgressAt < 100 && label === lastLabel) return;
        process.stderr.write(`\r\x1b[2K${text.trimEnd()}`);
        lineOpen = true;
      } else {
        if (now - lastProgressAt < 2000 && label === lastLabel) return;
        process.stderr.write(`${text.trimEnd()}\n`);
      }
      lastProgressAt = now;
      lastLabel = label;
    },
    progressDone: () => {
      if (lineOpen) process.stderr.write('\n');
      lineOpen = false;
      lastLabel = '';
    },
  };
}
