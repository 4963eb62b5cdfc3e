import { describe, expect, it, vi } from 'vitest';
import type { AppServices } from '../api-context.js';
import { jobsRouter } from './jobs-router.js';

function services() {
  return {
    jobs: { cancel: vi.fn(async () => []), retry: vi.fn(async () => []) },
    models: { cancel: vi.fn(() => true), retry: vi.fn(async () => ({ id: 'whisper-base', files: [] })) },
    kickJobs: vi.fn(),
  };
}

describe('jobs router', () => {
  it('sends cancel and retry of a model download to the downloads, and the rest to the queue', async () => {
    const s = services();
    const caller = jobsRouter.createCaller({ services: s as unknown as AppServices, requestId: 't' });
    expect(await caller.cancel({ id: 'download-whisper-base' })).toEqual({ jobs: [], cancelled: true });
    expect(s.models.cancel).toHaveBeenCalledWith('whisper-base');
    await caller.retry({ id: 'download-whisper-base' });
    expect(s.models.retry).toHaveBeenCalledWith('whisper-base');
    await caller.cancel({ id: '01M8JH14XVCJ7P7A1S2R3Q7XQW' });
    await caller.retry({ id: '01M8JH14XVCJ7P7A1S2R3Q7XQW' });
    expect(s.jobs.cancel).toHaveBeenCalledWith('01M8JH14XVCJ7P7A1S2R3Q7XQW');
    expect(s.jobs.retry).toHaveBeenCalledWith('01M8JH14XVCJ7P7A1S2R3Q7XQW');
    expect(s.models.cancel).toHaveBeenCalledTimes(1);
  });
});
