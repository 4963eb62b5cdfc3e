import type { StageSpec } from './stage-graph.js';

/**
 * The pipeline DAG of DESIGN §2, registered in this one place. Handlers are registered where
 * they run (`createOrchestrator({ stages: PIPELINE_STAGES, handlers })` checks one per stage).
 * Render waits for the user's review: enqueue it only once clips are approved, e.g.
 * `enqueue(videoId, IMPORT_STAGES)` at import and `enqueue(videoId, ['render'])` later. A post is a
 * subject of its own: `enqueue({ subject: { kind: 'post', id }, videoId }, POST_STAGES)`.
 */
export const PIPELINE_STAGES: readonly StageSpec[] = [
  { name: 'ingest', after: [], resource: 'cpu' },
  { name: 'transcribe', after: ['ingest'], resource: 'gpu' },
  { name: 'vision', after: ['ingest'], resource: 'cpu' },
  { name: 'segment', after: ['transcribe', 'vision'], resource: 'cpu' },
  { name: 'render', after: ['segment'], resource: 'cpu' },
  // A post's own stages: its clip rendered for the platform (reused when there is one), then the
  // upload. The render runs at once; a scheduled post's publish waits for its "not before" time.
  { name: 'post-render', after: [], resource: 'cpu' },
  { name: 'publish', after: ['post-render'], resource: 'net', maxAttempts: 5 },
];

/** What a post runs. */
export const POST_STAGES: readonly string[] = ['post-render', 'publish'];

/** What an import runs without the user: everything up to the proposed clips. */
export const IMPORT_STAGES: readonly string[] = ['ingest', 'transcribe', 'vision', 'segment'];
