import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI_BIN, tempLibrary } from './test-support/run-cli.js';

describe('kirinuki serve', () => {
  it('prints where it listens, answers with the token only, and stops on SIGINT', async () => {
    const library = tempLibrary();
    const child = spawn(process.execPath, [CLI_BIN, 'serve', '--port', '0', '--json', '--library', library], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      const started = await new Promise<{ url: string; token: string; openUrl: string; exposed: boolean }>(
        (resolve, reject) => {
          let out = '';
          child.stdout.on('data', (c: Buffer) => {
            out += c.toString();
            if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0] as string));
          });
          child.once('exit', (code) => reject(new Error(`exited ${code}`)));
        },
      );
      expect(started.exposed).toBe(false);
      expect(started.openUrl).toBe(`${started.url}/?token=${started.token}`);
      expect((await fetch(`${started.url}/health`)).status).toBe(200);
      expect((await fetch(`${started.url}/trpc/health.get`)).status).toBe(401);
      const ok = await fetch(`${started.url}/trpc/health.get`, {
        headers: { authorization: `Bearer ${started.token}` },
      });
      expect(await ok.json()).toMatchObject({ result: { data: { status: 'ok', library } } });
      child.kill('SIGINT');
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).toBe(0);
    } finally {
      child.kill('SIGKILL');
      rmSync(path.dirname(library), { recursive: true, force: true });
    }
  });
});
