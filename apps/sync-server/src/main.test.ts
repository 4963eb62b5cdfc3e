import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ENCRYPTION_KEY_FILE, JWT_KEY_FILE } from './keys/server-keys.js';

const MAIN = fileURLToPath(new URL('./main.ts', import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function start(args: string[], env: NodeJS.ProcessEnv = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
    env: { ...process.env, DATABASE_URL: '', KIRINUKI_SERVER_KEY: '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (match) resolve(match[1]!);
    });
    void exited.then(() => reject(new Error(`exited: ${stderr}`)));
  });
  url.catch(() => {}); // a start meant to fail is awaited through `exited`
  return { child, url, exited, output: () => ({ stdout, stderr }) };
}

describe('pnpm sync-server', () => {
  it('starts on SQLite in a new data folder with its keys made (0600), kept across restarts; SIGTERM ends it cleanly', async () => {
    const data = mkdtempSync(path.join(tmpdir(), 'kirinuki-sync-main-'));
    dirs.push(data);
    const first = start(['--port', '0', '--data', data]);
    const url = await first.url;
    expect(first.output().stdout).toContain(`(SQLite at ${path.join(data, 'sync-server.sqlite')})`);
    expect(await (await fetch(`${url}/ready`)).json()).toEqual({ status: 'ready', database: 'sqlite' });
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    const keys = [ENCRYPTION_KEY_FILE, JWT_KEY_FILE].map((file) => path.join(data, file));
    for (const key of keys) expect(statSync(key).mode & 0o777).toBe(0o600);
    const before = keys.map((key) => readFileSync(key, 'utf8'));

    const second = start([], { PORT: '0', DATA_DIR: data });
    await second.url;
    expect(keys.map((key) => readFileSync(key, 'utf8'))).toEqual(before);
    second.child.kill('SIGINT');
    expect(await second.exited).toBe(0);
  });

  it('says what is wrong with a bad setting or an unreachable database, with exit code 2', async () => {
    const bad = start(['--port', 'eighty']);
    expect(await bad.exited).toBe(2);
    expect(bad.output().stderr).toContain('error INVALID_ARGUMENT: The port must be a whole number');
    const data = mkdtempSync(path.join(tmpdir(), 'kirinuki-sync-main-'));
    dirs.push(data);
    const unreachable = start(['--port', '0', '--data', data], {
      DATABASE_URL: 'postgres://nobody:secret@127.0.0.1:1/none',
    });
    expect(await unreachable.exited).toBe(2);
    const { stderr } = unreachable.output();
    expect(stderr).toContain('error DATABASE_UNREACHABLE');
    expect(stderr).not.toContain('secret');
  });
});
