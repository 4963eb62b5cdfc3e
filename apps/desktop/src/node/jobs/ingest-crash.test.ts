import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { makeVideo } from '@kirinuki/pipeline/test-support/media-corpus';
import { CLI_BIN, runCli } from '../../cli/test-support/run-cli.js';
import { openDatabase } from '../storage/open-database.js';
import { JOBS_DATABASE } from '../storage/jobs-database.js';
import { LIBRARY_DATABASE } from '../storage/library-database.js';

const root = mkdtempSync(path.join(tmpdir(), 'kirinuki-ingest-crash-'));
const library = path.join(root, 'library');
const videos: string[] = [];
beforeAll(async () => {
  for (const [i, size] of ['320x240', '256x144', '192x192'].entries()) {
    videos.push(
      await makeVideo(
        path.join(root, `talk-${i}.mkv`),
        ['-c:v', 'libx264', '-preset', 'ultrafast', '-qp', '0'],
        { duration: 4, size },
      ),
    );
  }
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const childrenOf = (pid: number): number[] => {
  try {
    return execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
      .trim()
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
};
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const exited = (child: ChildProcess) =>
  new Promise((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once('exit', resolve),
  );

describe('real ingest under kill -9 (host and service)', () => {
  it('20 kills at random points: every import done exactly once, no event twice, databases sound, nothing left behind', async () => {
    let random = 42;
    const next = () => (random = (random * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const services = new Set<number>();
    let hostKills = 0;
    let serviceKills = 0;
    for (let round = 0; round < 20; round += 1) {
      const args = round === 0 ? ['import', ...videos] : ['jobs', 'resume'];
      const child = spawn(process.execPath, [CLI_BIN, ...args, '--library', library], { stdio: 'ignore' });
      await new Promise((r) => setTimeout(r, 700 + next() * 1500));
      for (const pid of childrenOf(child.pid!)) services.add(pid);
      const service = childrenOf(child.pid!)[0];
      if (round % 2 === 1 && service !== undefined) {
        process.kill(service, 'SIGKILL');
        serviceKills += 1;
        await new Promise((r) => setTimeout(r, 200 + next() * 500));
      }
      child.kill('SIGKILL');
      hostKills += 1;
      await exited(child);
    }
    expect(hostKills).toBe(20);
    expect(serviceKills).toBeGreaterThan(0);

    const final = await runCli(['jobs', 'resume', '--json', '--library', library], { timeoutMs: 120_000 });
    expect(final.code, final.stderr).toBe(0);
    const jobs = final.json<{ jobs: Array<{ stage: string; status: string; videoId: string }> }>().jobs;
    expect(jobs.map((j) => j.status)).toEqual(['done', 'done', 'done']);

    const list = (await runCli(['library', 'list', '--json', '--library', library])).json<{
      videos: Array<{ id: string; title: string }>;
    }>();
    expect(list.videos.map((v) => v.title).sort()).toEqual(['talk-0', 'talk-1', 'talk-2']);
    expect(list.videos.map((v) => v.id).sort()).toEqual(jobs.map((j) => j.videoId).sort());

    const events = (await runCli(['events', '--json', '--library', library])).json<{
      events: Array<{ id: string; type: string; aggregateId: string }>;
    }>().events;
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    const count = (type: string) => events.filter((e) => e.type === type).length;
    expect(count('VideoImported')).toBe(3);
    expect(count('JobSucceeded')).toBe(3);
    expect(count('JobEnqueued')).toBe(3);

    for (const def of [LIBRARY_DATABASE, JOBS_DATABASE]) {
      const opened = await openDatabase<unknown>(def, library);
      const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(opened.db);
      expect(check.rows[0]?.integrity_check).toBe('ok');
      await opened.close();
    }
    expect(readdirSync(path.join(library, '.tmp'))).toEqual([]);
    await new Promise((r) => setTimeout(r, 500));
    expect([...services].filter(alive)).toEqual([]);
  }, 240_000);
});
