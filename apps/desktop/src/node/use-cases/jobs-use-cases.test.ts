import { describe, expect, it, vi } from 'vitest';
import type { HostParts } from '../host/host-parts.js';
import { createJobsUseCases } from './jobs-use-cases.js';

const QUEUED = { id: '01M8JH14XVCJ7P7A1S2R3Q7XQW', status: 'queued' };

function parts() {
  const orchestrator = {
    get: vi.fn(async (id: string) => (id === QUEUED.id ? QUEUED : undefined)),
    cancel: vi.fn(async () => [QUEUED]),
    retry: vi.fn(async () => [] as unknown[]),
  };
  const models = { cancel: vi.fn(() => true), retry: vi.fn(async () => ({ id: 'whisper-base', files: [] })) };
  const runner = { kick: vi.fn() };
  const jobs = createJobsUseCases({ pipeline: { orchestrator }, models, runner } as unknown as HostParts);
  return { jobs, orchestrator, models, runner };
}

describe('the jobs use cases', () => {
  it('send cancel and retry of a model download to the downloads, and the rest to the queue', async () => {
    const { jobs, orchestrator, models, runner } = parts();
    expect(await jobs.cancel('download-whisper-base')).toEqual({ jobs: [], cancelled: true });
    expect(models.cancel).toHaveBeenCalledWith('whisper-base');
    await jobs.retry('download-whisper-base');
    expect(models.retry).toHaveBeenCalledWith('whisper-base');
    expect(await jobs.cancel(QUEUED.id)).toEqual({ jobs: [QUEUED], cancelled: true });
    expect(orchestrator.cancel).toHaveBeenCalledWith(QUEUED.id);
    expect(models.cancel).toHaveBeenCalledTimes(1);
    expect(runner.kick).not.toHaveBeenCalled();
  });

  it('refuses an unknown job, and a job that cannot be retried, with coded errors', async () => {
    const { jobs } = parts();
    await expect(jobs.cancel('01M8JH14XVCJ7P7A1S2R3Q0000')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(jobs.retry(QUEUED.id)).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      message: expect.stringContaining('only failed or cancelled jobs'),
    });
  });
});
