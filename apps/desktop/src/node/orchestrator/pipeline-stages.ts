import type { StageSpec } from './stage-graph.js';

/**
 * The pipeline DAG of DESIGN §2, registered in this one place. Handlers are registered where
 * they run (`createOrchestrator({ stages: PIPELINE_STAGES, handlers })` checks one per stage).
 * Render waits for the user's review: enqueue it (and publish) only once clips are approved,
 * e.g. `enqueue(videoId, IMPORT_STAGES)` at import and `enqueue(videoId, ['render'])` later.
 */
export const PIPELINE_STAGES: readonly StageSpec[] = [
  { name: 'ingest', after: [], resource: 'cpu' },
  { name: 'transcribe', after: ['ingest'], resource: 'gpu' },
  { name: 'vision', after: ['ingest'], resource: 'cpu' },
  { name: 'segment', after: ['transcribe', 'vision'], resource: 'cpu' },
  { name: 'render', after: ['segment'], resource: 'cpu' },
  { name: 'publish', after: ['render'], resource: 'net' },
];

/** What an import runs without the user: everything up to the proposed clips. */
export const IMPORT_STAGES: readonly string[] = ['ingest', 'transcribe', 'vision', 'segment'];
