import type { StageSpec } from '../stage-graph.js';

/** The crash-recovery test's pipeline: a diamond like ingest → {transcribe, vision} → segment. */
export const CHAOS_STAGES: StageSpec[] = [
  { name: 'a', after: [], resource: 'cpu', maxAttempts: 100 },
  { name: 'b', after: ['a'], resource: 'cpu', maxAttempts: 100 },
  { name: 'c', after: ['a'], resource: 'cpu', maxAttempts: 100 },
  { name: 'd', after: ['b', 'c'], resource: 'cpu', maxAttempts: 100 },
];
