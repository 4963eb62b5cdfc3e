import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../api/api-types.js';
import { applyProgress, type JobsById } from '../jobs/job-progress-model.js';
import { timelineRevision } from './timeline-revision.js';

const ev = (
  jobId: string,
  stage: string,
  status: ProgressEvent['status'],
  videoId = 'v1',
): ProgressEvent => ({
  jobId,
  videoId,
  stage,
  status,
  fraction: null,
  etaSec: null,
});
const jobsAfter = (events: ProgressEvent[]): JobsById =>
  events.reduce<JobsById>((jobs, e) => applyProgress(jobs, e, 0), {});

describe('timelineRevision', () => {
  it.each<[string, ProgressEvent[], string]>([
    ['no jobs', [], ''],
    ['a transcribe job still running', [ev('t', 'transcribe', 'running')], ''],
    [
      'the transcribe job done',
      [ev('t', 'transcribe', 'running'), ev('t', 'transcribe', 'done')],
      't:transcribe',
    ],
    [
      'vision and segment done too, in any order',
      [ev('s', 'segment', 'done'), ev('t', 'transcribe', 'done'), ev('v', 'vision', 'done')],
      's:segment t:transcribe v:vision',
    ],
    ['a failed transcribe job made nothing to show', [ev('t', 'transcribe', 'failed')], ''],
    [
      'the ingest and a render are not on the timeline',
      [ev('i', 'ingest', 'done'), ev('r', 'render', 'done')],
      '',
    ],
    ['another video’s transcript', [ev('t', 'transcribe', 'done', 'v2')], ''],
    [
      'a rerun is a new job: the key changes again',
      [ev('t', 'transcribe', 'done'), ev('t2', 'transcribe', 'done')],
      't2:transcribe t:transcribe',
    ],
  ])('%s → %j', (_name, events, expected) =>
    expect(timelineRevision(jobsAfter(events), 'v1')).toBe(expected),
  );
});
