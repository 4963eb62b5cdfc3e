import { describe, expect, it, vi } from 'vitest';
import type { Host } from '../../host/open-host.js';
import { jobsRouter } from './jobs-router.js';

describe('jobs router', () => {
  it('hands cancel, retry, pause and resume to the jobs use cases', async () => {
    const jobs = {
      cancel: vi.fn(async () => ({ jobs: [], cancelled: true })),
      retry: vi.fn(async () => ({ jobs: [] })),
      pauseAll: vi.fn(async () => ({ paused: true })),
      resumeAll: vi.fn(async () => ({ paused: false })),
    };
    const caller = jobsRouter.createCaller({ host: { jobs } as unknown as Host, requestId: 't' });
    expect(await caller.cancel({ id: 'download-whisper-base' })).toEqual({ jobs: [], cancelled: true });
    await caller.retry({ id: '01M8JH14XVCJ7P7A1S2R3Q7XQW' });
    expect(await caller.pauseAll()).toEqual({ paused: true });
    expect(await caller.resumeAll()).toEqual({ paused: false });
    expect(jobs.cancel).toHaveBeenCalledWith('download-whisper-base');
    expect(jobs.retry).toHaveBeenCalledWith('01M8JH14XVCJ7P7A1S2R3Q7XQW');
  });
});
