import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger, logFileFor } from './create-logger.js';

const dir = mkdtempSync(path.join(tmpdir(), 'kirinuki-log-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('createLogger', () => {
  it('writes JSON lines with the correlation id, carried into child loggers', () => {
    const logger = createLogger({
      logDir: dir,
      consoleLevel: 'silent',
      pretty: false,
      correlationId: 'run-1',
    });
    logger.info({ step: 1 }, 'hello');
    logger.child({ correlationId: 'job-7' }).debug('from a job');
    const lines = readFileSync(logFileFor(dir), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines[0]).toMatchObject({ msg: 'hello', step: 1, correlationId: 'run-1', level: 30 });
    expect(lines[1]).toMatchObject({ msg: 'from a job', correlationId: 'job-7', level: 20 });
  });
});
