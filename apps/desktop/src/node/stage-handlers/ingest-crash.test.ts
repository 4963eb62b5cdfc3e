import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { isPidAlive } from '../service-process/pid-alive.js';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { makeVideo } from '@kirinuki/pipeline/test-support/media-corpus';
import { CLI_BIN, runCli } from '../../cli/test-support/run-cli.js';
import { openDatabase } from '@kirinuki/db';
import { JOBS_DATABASE } from '../queue-sqlite/jobs-database.js';
import { LIBRARY_DATABASE } from '../library-db/library-database.js';

const root = mkdtempSync(path.join(tmpdir(), 'kirinuki-ingest-crash-'));
const library = path.join(root, 'library');
const videos: string[] = [];
beforeAll(async () => {
  // One new video per round, so every kill lands on work in flight.
  for (let i = 0; i < 20; i += 1) {
    const size = `${480 + i * 16}x${270 + i * 8}`;
    videos.push(
      await makeVideo(
        path.join(root, `talk-${i}.mkv`),
        ['-c:v', 'libx264', '-preset', 'ultrafast', '-qp', '0'],
        { duration: 3, size },
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
const alive = (pid: number) => isPidAlive(pid);
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
      const args = ['import', videos[round]!];
      const child = spawn(process.execPath, [CLI_BIN, ...args, '--library', library], {
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      // The kill comes at a random moment after the work started (the first ingest progress line),
      // so a slow machine does not turn every round into a kill before anything happened.
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 30_000);
        child.stderr!.on('data', (chunk: Buffer) => {
          if (/ingest/.test(chunk.toString())) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
      });
      if (round % 2 === 1) {
        // Odd rounds also kill the ingest service, once it is up, at a random point of its work.
        for (
          let waited = 0;
          waited < 15_000 && !childrenOf(child.pid!).length && child.exitCode === null;
          waited += 100
        ) {
          await new Promise((r) => setTimeout(r, 100));
        }
        await new Promise((r) => setTimeout(r, next() * 150));
        const service = childrenOf(child.pid!)[0];
        if (service !== undefined && alive(service)) {
          services.add(service);
          try {
            process.kill(service, 'SIGKILL');
            serviceKills += 1;
          } catch {
            // It finished between the look and the kill.
          }
          await new Promise((r) => setTimeout(r, 200 + next() * 800));
        }
      } else {
        await new Promise((r) => setTimeout(r, next() * 1500));
      }
      for (const pid of childrenOf(child.pid!)) services.add(pid);
      child.kill('SIGKILL');
      hostKills += 1;
      await exited(child);
    }
    expect(hostKills).toBe(20);
    // Odd rounds kill the ingest service as soon as it is up (some may finish first on a fast machine).
    expect(serviceKills).toBeGreaterThan(2);

    const final = await runCli(['jobs', 'resume', '--json', '--library', library], { timeoutMs: 120_000 });
    expect(final.code, final.stderr).toBe(0);
    const jobs = final.json<{ jobs: Array<{ stage: string; status: string; videoId: string }> }>().jobs;
    expect(
      jobs.map((j) => j.status),
      JSON.stringify(jobs.filter((j) => j.status !== 'done')),
    ).toEqual(new Array(20).fill('done'));

    const list = (await runCli(['library', 'list', '--json', '--library', library])).json<{
      videos: Array<{ id: string; title: string }>;
    }>();
    expect(list.videos.map((v) => v.title).sort()).toEqual(
      videos.map((v) => path.basename(v, '.mkv')).sort(),
    );
    expect(list.videos.map((v) => v.id).sort()).toEqual(jobs.map((j) => j.videoId).sort());

    const events = (await runCli(['events', '--json', '--library', library])).json<{
      events: Array<{ id: string; type: string; aggregateId: string }>;
    }>().events;
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    const count = (type: string) => events.filter((e) => e.type === type).length;
    expect(count('VideoImported')).toBe(20);
    expect(count('JobSucceeded')).toBe(20);
    expect(count('JobEnqueued')).toBe(20);

    for (const def of [LIBRARY_DATABASE, JOBS_DATABASE]) {
      const opened = await openDatabase<unknown>(def, library);
      const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(opened.db);
      expect(check.rows[0]?.integrity_check).toBe('ok');
      await opened.close();
    }
    expect(readdirSync(path.join(library, '.tmp'))).toEqual([]);
    await new Promise((r) => setTimeout(r, 500));
    // What a PID still alive runs (a reused PID would show as another program).
    const running = (pid: number) => {
      try {
        return `${pid}: ${readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ')}`;
      } catch {
        return `${pid}`;
      }
    };
    expect([...services].filter(alive).map(running)).toEqual([]);
  }, 240_000);
});
