import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempLibrary } from './test-support/run-cli.js';

// The real team server, started as `pnpm sync-server` starts it (apps stay apart: no import).
const SERVER_MAIN = fileURLToPath(new URL('../../../sync-server/src/main.ts', import.meta.url));
let server: ChildProcess;
let url: string;
const data = mkdtempSync(path.join(tmpdir(), 'kirinuki-team-cli-'));

beforeAll(async () => {
  server = spawn(process.execPath, ['--import', 'tsx', SERVER_MAIN, '--port', '0', '--data', data], {
    env: { ...process.env, DATABASE_URL: '', KIRINUKI_SERVER_KEY: '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  url = await new Promise((resolve) => {
    let out = '';
    server.stdout!.on('data', (chunk: Buffer) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]!);
    });
  });
  const registered = await fetch(`${url}/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'ed@example.test', password: 'editor password 1', teamName: 'Clip Crew' }),
  });
  expect(registered.status).toBe(201);
});
afterAll(() => {
  server?.kill('SIGTERM');
  rmSync(data, { recursive: true, force: true });
});

describe('kirinuki team', () => {
  it('logs in (password from stdin), shows status with a rotated refresh token, logs out on the server too', async () => {
    const library = tempLibrary();
    const login = await runCli(
      [
        '--library',
        library,
        '--json',
        'team',
        'login',
        '--server',
        url,
        '--email',
        'ed@example.test',
        '--password-stdin',
      ],
      {
        input: 'editor password 1\n',
      },
    );
    expect(login.code, login.stderr).toBe(0);
    expect(login.json()).toMatchObject({
      signedIn: true,
      server: url,
      user: { email: 'ed@example.test' },
      teams: [{ name: 'Clip Crew', role: 'owner' }],
    });
    for (let i = 0; i < 2; i += 1) {
      const status = await runCli(['--library', library, '--json', 'team', 'status']);
      expect(status.code, status.stderr).toBe(0);
      expect(status.json()).toMatchObject({ signedIn: true, teams: [{ name: 'Clip Crew' }] });
    }
    const out = await runCli(['--library', library, 'team', 'logout']);
    expect([out.code, out.stdout.trim()]).toEqual([0, `Signed out of ${url}.`]);
    expect((await runCli(['--library', library, '--json', 'team', 'status'])).json()).toEqual({
      signedIn: false,
    });
  });

  it('a wrong password or a dead server is a coded error, and nothing is saved', async () => {
    const library = tempLibrary();
    const wrong = await runCli(
      ['--library', library, 'team', 'login', '--server', url, '--email', 'ed@example.test'],
      {
        env: { KIRINUKI_TEAM_PASSWORD: 'not it at all' },
      },
    );
    expect([wrong.code, wrong.stderr]).toEqual([2, expect.stringContaining('INVALID_CREDENTIALS')]);
    const dead = await runCli(
      ['--library', library, 'team', 'login', '--server', 'http://127.0.0.1:1', '--email', 'a@b.test'],
      {
        env: { KIRINUKI_TEAM_PASSWORD: 'whatever it is' },
      },
    );
    expect([dead.code, dead.stderr]).toEqual([2, expect.stringContaining('TEAM_SERVER_UNREACHABLE')]);
    expect((await runCli(['--library', library, '--json', 'team', 'status'])).json()).toEqual({
      signedIn: false,
    });
  });
});
