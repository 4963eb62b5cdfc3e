import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../api/api-types.js';
import { applyProgress, orderJobs, type JobsById } from './job-progress-model.js';

const ev = (over: Partial<ProgressEvent>): ProgressEvent => ({
  jobId: 'j1',
  videoId: null,
  stage: 'copy',
  status: 'running',
  fraction: 0.5,
  etaSec: 10,
  ...over,
});

describe('applyProgress', () => {
  it.each<[string, ProgressEvent[], (jobs: JobsById) => unknown, unknown]>([
    [
      'first report creates the job',
      [ev({})],
      (j) => j.j1?.stages,
      [{ stage: 'copy', status: 'running', fraction: 0.5, etaSec: 10 }],
    ],
    [
      'a discarded job is forgotten (its video was one already in the library)',
      [ev({}), ev({ jobId: 'j2' }), ev({ status: 'discarded', fraction: null, etaSec: null })],
      (j) => Object.keys(j),
      ['j2'],
    ],
    [
      'same stage updates in place',
      [ev({}), ev({ fraction: 0.8, etaSec: 2 })],
      (j) => j.j1?.stages.map((s) => s.fraction),
      [0.8],
    ],
    [
      'a new stage completes the earlier one',
      [ev({ stage: 'download' }), ev({ stage: 'probe', fraction: null, etaSec: null })],
      (j) => j.j1?.stages.map((s) => [s.stage, s.status, s.fraction]),
      [
        ['download', 'done', 1],
        ['probe', 'running', null],
      ],
    ],
    [
      'done fills the bar and drops the ETA',
      [ev({ status: 'done', fraction: 0.9 })],
      (j) => [j.j1?.stages[0]?.fraction, j.j1?.stages[0]?.etaSec],
      [1, null],
    ],
    [
      'failure keeps the message',
      [ev({ status: 'failed', message: 'No video stream.' })],
      (j) => [j.j1?.status, j.j1?.message],
      ['failed', 'No video stream.'],
    ],
    [
      'video id learnt late is kept',
      [ev({ videoId: 'v1' }), ev({ videoId: null, stage: 'probe' })],
      (j) => j.j1?.videoId,
      'v1',
    ],
  ])('%s', (_name, events, pick, expected) => {
    const jobs = events.reduce<JobsById>((acc, e, i) => applyProgress(acc, e, i), {});
    expect(pick(jobs)).toEqual(expected);
  });
});

describe('orderJobs', () => {
  it('leaves out queued jobs that wait on a failed job of their video', () => {
    let jobs: JobsById = {};
    for (const e of [
      ev({ jobId: 'a1', videoId: 'A', stage: 'ingest', status: 'failed' }),
      ev({ jobId: 'a2', videoId: 'A', stage: 'transcribe', status: 'queued' }),
      ev({ jobId: 'b1', videoId: 'B', stage: 'transcribe', status: 'queued' }),
    ])
      jobs = applyProgress(jobs, e, 1);
    expect(orderJobs(jobs).map((j) => j.jobId)).toEqual(['b1', 'a1']);
  });

  it('puts running jobs first, newest first', () => {
    let jobs: JobsById = {};
    jobs = applyProgress(jobs, ev({ jobId: 'a', status: 'done' }), 3);
    jobs = applyProgress(jobs, ev({ jobId: 'b' }), 1);
    jobs = applyProgress(jobs, ev({ jobId: 'c' }), 2);
    expect(orderJobs(jobs).map((j) => j.jobId)).toEqual(['c', 'b', 'a']);
  });
});
