import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../events/event-envelope.js';
import type { JobEvent, JobSummary } from './job.js';
import { projectJobs } from './project-jobs.js';

let n = 0;
const ev = <E extends JobEvent>(
  type: E['type'],
  aggregateId: string,
  payload: E['payload'],
): EventEnvelope => ({
  id: `01EVENT${String((n += 1)).padStart(19, '0')}`,
  type,
  aggregateId,
  at: '2026-11-28T12:00:00.000Z',
  payload,
});
const err = { code: 'INTERNAL', message: 'EBUSY', hint: 'h' };
const enq = (id: string, stage = 'ingest') => ev('JobEnqueued', id, { seq: 1, videoId: 'v1', stage });
const base = (id: string, stage = 'ingest'): JobSummary => ({
  id,
  subjectKind: 'video',
  subjectId: 'v1',
  videoId: 'v1',
  stage,
  status: 'queued',
  attempts: 0,
  progress: 0,
  error: null,
});

describe('projectJobs', () => {
  const cases: Array<[string, EventEnvelope[], JobSummary[]]> = [
    ['enqueued', [enq('a')], [base('a')]],
    [
      'started then done',
      [enq('a'), ev('JobStarted', 'a', { seq: 2, attempts: 1 }), ev('JobSucceeded', 'a', { seq: 3 })],
      [{ ...base('a'), status: 'done', attempts: 1, progress: 1 }],
    ],
    [
      'transient failure waits for its retry with the error shown',
      [
        enq('a'),
        ev('JobStarted', 'a', { seq: 2, attempts: 1 }),
        ev('JobRetryScheduled', 'a', { seq: 3, error: err, runAfter: 5, progress: 0.4 }),
      ],
      [{ ...base('a'), attempts: 1, progress: 0.4, error: err }],
    ],
    [
      'a reclaimed lease goes back to the queue',
      [
        enq('a'),
        ev('JobStarted', 'a', { seq: 2, attempts: 1 }),
        ev('JobReleased', 'a', { seq: 3, reason: 'owner-dead', attempts: 1, progress: 0.2 }),
      ],
      [{ ...base('a'), attempts: 1, progress: 0.2 }],
    ],
    [
      'failed, then retried by the user',
      [
        enq('a'),
        ev('JobStarted', 'a', { seq: 2, attempts: 1 }),
        ev('JobFailed', 'a', { seq: 3, error: err, progress: 0.1 }),
        ev('JobRetried', 'a', { seq: 4 }),
      ],
      [base('a')],
    ],
    [
      'cancelled keeps its progress',
      [
        enq('a'),
        ev('JobStarted', 'a', { seq: 2, attempts: 1 }),
        ev('JobCancelled', 'a', { seq: 3, progress: 0.7 }),
      ],
      [{ ...base('a'), status: 'cancelled', attempts: 1, progress: 0.7 }],
    ],
    [
      'out of order and duplicated delivery gives the same result',
      [
        ev('JobSucceeded', 'a', { seq: 3 }),
        enq('a'),
        ev('JobStarted', 'a', { seq: 2, attempts: 1 }),
        ev('JobSucceeded', 'a', { seq: 3 }),
        enq('a'),
      ],
      [{ ...base('a'), status: 'done', attempts: 1, progress: 1 }],
    ],
    [
      'other event types and events of unknown jobs are ignored',
      [
        { id: 'x', type: 'VideoImported', aggregateId: 'v1', at: '', payload: {} },
        ev('JobStarted', 'ghost', { seq: 2, attempts: 1 }),
        enq('b', 'vision'),
        enq('a'),
      ],
      [base('a'), base('b', 'vision')],
    ],
  ];
  it.each(cases)('%s', (_name, events, expected) => {
    expect(projectJobs(events)).toEqual(expected);
  });
});
