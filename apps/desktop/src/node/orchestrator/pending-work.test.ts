import { describe, expect, it } from 'vitest';
import type { JobStatus } from '@kirinuki/contracts';
import { hasPendingWork } from './pending-work.js';
import { buildStageGraph } from './stage-graph.js';

const graph = buildStageGraph(
  [
    { name: 'ingest', after: [], resource: 'cpu' },
    { name: 'transcribe', after: ['ingest'], resource: 'gpu' },
    { name: 'segment', after: ['transcribe'], resource: 'cpu' },
  ],
  ['ingest', 'transcribe', 'segment'].map((stage) => ({ stage, run: async () => null })),
);
const jobs = (ingest: JobStatus, transcribe: JobStatus, segment: JobStatus) => [
  { videoId: 'v', stage: 'ingest', status: ingest },
  { videoId: 'v', stage: 'transcribe', status: transcribe },
  { videoId: 'v', stage: 'segment', status: segment },
];

describe('hasPendingWork', () => {
  const cases: Array<[string, ReturnType<typeof jobs>, boolean]> = [
    ['all done', jobs('done', 'done', 'done'), false],
    ['a queued first stage', jobs('queued', 'queued', 'queued'), true],
    ['queued behind a running stage', jobs('done', 'running', 'queued'), true],
    ['queued behind a failed stage', jobs('done', 'failed', 'queued'), false],
    ['queued two stages behind a failure', jobs('failed', 'queued', 'queued'), false],
    ['queued behind a cancelled stage', jobs('cancelled', 'cancelled', 'queued'), false],
    ['only a running job (elsewhere), nothing queued', jobs('done', 'running', 'done'), false],
    ['upstream job missing', [{ videoId: 'v', stage: 'segment', status: 'queued' as JobStatus }], false],
  ];
  it.each(cases)('%s', (_name, rows, expected) => expect(hasPendingWork(rows, graph)).toBe(expected));
});

describe('hasPendingWork with a clock', () => {
  const NOW = 1_000_000;
  const row = (notBefore: number, attempts: number) => [
    { videoId: 'v', stage: 'ingest', status: 'queued' as JobStatus, notBefore, attempts },
  ];
  it.each([
    ['due now', row(NOW, 0), true],
    ['a retry backing off for 5 s', row(NOW + 5_000, 1), true],
    ['a retry due after dueBy', row(NOW + 120_000, 1), false],
    [
      'a job that never ran, due in 5 s (a scheduled post): the scheduler wakes a worker for it',
      row(NOW + 5_000, 0),
      false,
    ],
  ] as const)('%s', (_name, rows, expected) =>
    expect(hasPendingWork(rows, graph, NOW + 60_000, NOW)).toBe(expected),
  );
});
