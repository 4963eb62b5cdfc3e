import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeVideo } from '@kirinuki/pipeline/test-support/media-corpus';
import { CLI_BIN, runCli } from './test-support/run-cli.js';

const root = mkdtempSync(path.join(tmpdir(), 'kirinuki-cli-jobs-'));
const library = path.join(root, 'library');
let video = '';
beforeAll(async () => {
  video = await makeVideo(
    path.join(root, 'talk.mkv'),
    ['-c:v', 'libx264', '-preset', 'ultrafast', '-qp', '0'],
    { duration: 6, size: '640x360' },
  );
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

const kirinuki = (...args: string[]) => runCli([...args, '--library', library]);
type JobList = {
  jobs: Array<{
    id: string;
    stage: string;
    status: string;
    attempts: number;
    error: { code: string } | null;
  }>;
};

describe('kirinuki jobs', () => {
  it('a failed import is a failed job with its code; retry queues it again; cancel refuses a finished job', async () => {
    const failed = await kirinuki('import', path.join(root, 'missing.mp4'), '--json');
    expect(failed.json()).toMatchObject({ error: { code: 'FILE_NOT_FOUND' } });
    const { jobs } = (await kirinuki('jobs', 'list', '--json')).json<JobList>();
    expect(jobs).toEqual([
      expect.objectContaining({
        stage: 'ingest',
        status: 'failed',
        error: expect.objectContaining({ code: 'FILE_NOT_FOUND' }),
      }),
    ]);
    const retried = await kirinuki('jobs', 'retry', jobs[0]!.id, '--json');
    expect(retried.json<JobList>().jobs[0]).toMatchObject({ status: 'queued' });
    const cancel = await kirinuki('jobs', 'cancel', jobs[0]!.id, '--json');
    expect(cancel.json<JobList>().jobs[0]).toMatchObject({ status: 'cancelled' });
    const again = await kirinuki('jobs', 'cancel', jobs[0]!.id, '--json');
    expect(again.json()).toMatchObject({ error: { code: 'INVALID_ARGUMENT' } });
    expect((await kirinuki('jobs', 'cancel', 'nope', '--json')).json()).toMatchObject({
      error: { code: 'NOT_FOUND' },
    });
  });

  it('an import killed with SIGKILL is finished by `jobs resume`, once, leaving no temp files', async () => {
    const child = spawn(process.execPath, [CLI_BIN, 'import', video, '--json', '--library', library], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Kill it once the ingest job is running (its progress line is on stderr).
    await new Promise<void>((resolve) => {
      child.stderr.on('data', (c: Buffer) => {
        if (/ingest/.test(c.toString())) resolve();
      });
      child.once('exit', () => resolve());
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));

    const before = (await kirinuki('jobs', 'list', '--json'))
      .json<JobList>()
      .jobs.filter((j) => j.status !== 'cancelled');
    expect(before.some((j) => j.status === 'running' || j.status === 'done')).toBe(true);
    const resumed = await kirinuki('jobs', 'resume', '--json');
    expect(resumed.code).toBe(0);
    const after = resumed.json<JobList>().jobs.filter((j) => j.status !== 'cancelled');
    expect(after).toEqual([expect.objectContaining({ stage: 'ingest', status: 'done' })]);
    const videos = (await kirinuki('library', 'list', '--json')).json<{ videos: Array<{ title: string }> }>()
      .videos;
    expect(videos.map((v) => v.title)).toEqual(['talk']);
    const events = (await kirinuki('events', '--json')).json<{ events: Array<{ type: string }> }>().events;
    expect(events.filter((e) => e.type === 'VideoImported')).toHaveLength(1);
    expect(events.filter((e) => e.type === 'JobSucceeded')).toHaveLength(1);
    expect(readdirSync(path.join(library, '.tmp'))).toEqual([]);
  });
});
