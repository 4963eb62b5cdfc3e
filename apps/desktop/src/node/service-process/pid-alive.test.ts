import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isPidAlive } from './pid-alive.js';

describe('isPidAlive', () => {
  it('is true for this process and false for a pid that does not exist', () => {
    expect(isPidAlive(process.pid)).toBe(true);
    expect(isPidAlive(2 ** 22 + 12345)).toBe(false);
  });

  it.each([
    ['123 (node) S 1 123', true],
    ['123 (node) Z 1 123', false],
    ['123 (a (b) c) Z 1 123', false],
    ['123 (a (b) c) R 1 123', true],
  ])('reads the state from %j', (stat, alive) => {
    expect(isPidAlive(process.pid, { readStat: () => stat })).toBe(alive);
  });

  it.runIf(process.platform === 'linux')('takes a zombie for gone, its living parent for alive', async () => {
    // `sleep 0` exits at once; its parent has become `sleep 3`, which never reaps it.
    const parent = spawn('sh', ['-c', 'sleep 0 & exec sleep 3'], { stdio: 'ignore' });
    try {
      let zombie: number | undefined;
      for (let i = 0; i < 50 && zombie === undefined; i++) {
        await new Promise((r) => setTimeout(r, 40));
        const children = readFileSync(`/proc/${parent.pid}/task/${parent.pid}/children`, 'utf8').trim();
        const pid = Number(children.split(/\s+/)[0]);
        if (pid && readFileSync(`/proc/${pid}/stat`, 'utf8').includes(') Z')) zombie = pid;
      }
      expect(zombie).toBeDefined();
      expect(isPidAlive(zombie!)).toBe(false);
      expect(isPidAlive(parent.pid!)).toBe(true);
    } finally {
      parent.kill('SIGKILL');
    }
  });
});
