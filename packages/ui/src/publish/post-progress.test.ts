import { describe, expect, it } from 'vitest';
import type { JobView } from '../jobs/job-progress-model.js';
import { isCancellable, isFinalPost, isRetryable, postProblem, postProgress } from './post-progress.js';

const job = (
  stage: string,
  status: JobView['status'],
  fraction: number | null,
  over: Partial<JobView> = {},
) =>
  ({
    jobId: `j-${stage}`,
    videoId: 'v1',
    status,
    stages: [{ stage, status, fraction, etaSec: status === 'running' ? 12 : null }],
    message: null,
    code: null,
    hint: null,
    updatedAt: 0,
    ...over,
  }) as JobView;

const post = (status: Parameters<typeof isFinalPost>[0], bytesSent = 0, bytesTotal = 0) => ({
  status,
  bytesSent,
  bytesTotal,
  error: null,
});

describe('postProgress', () => {
  it.each([
    ['queued, nothing running yet', post('queued'), [], { phase: 'queued', fraction: null, etaSec: null }],
    [
      'queued while its render runs',
      post('queued'),
      [job('post-render', 'running', 0.4)],
      { phase: 'rendering', fraction: 0.4, etaSec: 12 },
    ],
    [
      'uploading: the bytes the platform acknowledged',
      post('uploading', 25, 100),
      [job('post-render', 'done', 1), job('publish', 'running', 0.1)],
      { phase: 'uploading', fraction: 0.25, etaSec: 12 },
    ],
    [
      'uploading before the size is known: the job’s fraction',
      post('uploading'),
      [job('publish', 'running', 0.1)],
      { phase: 'uploading', fraction: 0.1, etaSec: 12 },
    ],
    [
      'processing on the platform',
      post('processing', 100, 100),
      [],
      { phase: 'processing', fraction: null, etaSec: null },
    ],
    [
      'published',
      post('published', 100, 100),
      [job('publish', 'done', 1)],
      { phase: 'published', fraction: null, etaSec: null },
    ],
    [
      'failed',
      post('failed'),
      [job('publish', 'failed', 0.3)],
      { phase: 'failed', fraction: null, etaSec: null },
    ],
  ] as const)('%s', (_name, p, jobs, expected) => expect(postProgress(p, jobs)).toEqual(expected));

  it.each([
    ['queued', false, true, false],
    ['uploading', false, true, false],
    ['processing', false, false, false],
    ['published', true, false, false],
    ['failed', true, false, true],
    ['cancelled', true, false, true],
    ['missed', true, false, true],
    ['held', false, true, false],
  ] as const)('%s: final %s, cancellable %s, retryable %s', (status, final, cancellable, retryable) => {
    expect(isFinalPost(status)).toBe(final);
    expect(isCancellable(status)).toBe(cancellable);
    expect(isRetryable(status)).toBe(retryable);
  });
});

describe('postProblem', () => {
  it('the post’s own error first', () => {
    const failed = {
      status: 'failed' as const,
      error: { code: 'PLATFORM_REJECTED', message: 'No.', hint: 'Change it.' },
    };
    expect(postProblem(failed, [])).toEqual({
      code: 'PLATFORM_REJECTED',
      message: 'No.',
      hint: 'Change it.',
    });
  });
  it('else what its failed job said', () => {
    const jobs = [
      job('publish', 'failed', 0, { message: 'Boom', code: 'PLATFORM_UNAVAILABLE', hint: 'Later.' }),
    ];
    expect(postProblem({ status: 'failed', error: null }, jobs)).toEqual({
      code: 'PLATFORM_UNAVAILABLE',
      message: 'Boom',
      hint: 'Later.',
    });
  });
  it('nothing while it has not failed', () =>
    expect(postProblem({ status: 'uploading', error: null }, [])).toBeNull());
});
