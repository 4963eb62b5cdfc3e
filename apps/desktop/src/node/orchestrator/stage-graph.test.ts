import { describe, expect, it } from 'vitest';
import { IMPORT_STAGES, PIPELINE_STAGES, POST_STAGES } from './pipeline-stages.js';
import { buildStageGraph, StageGraphError, type StageSpec } from './stage-graph.js';
import type { StageHandler } from './stage-handler.js';

const handler = (stage: string): StageHandler => ({ stage, run: async () => null });
const DAG: StageSpec[] = [
  { name: 'segment', after: ['transcribe', 'vision'], resource: 'cpu' },
  { name: 'ingest', after: [], resource: 'cpu' },
  { name: 'transcribe', after: ['ingest'], resource: 'gpu' },
  { name: 'vision', after: ['ingest'], resource: 'cpu' },
  { name: 'render', after: ['segment'], resource: 'cpu' },
];
const allHandlers = DAG.map((s) => handler(s.name));

describe('buildStageGraph', () => {
  const invalid: Array<[string, StageSpec[], StageHandler[], string]> = [
    ['duplicate handler', DAG, [...allHandlers, handler('vision')], 'stage vision has more than one handler'],
    [
      'missing handler',
      DAG,
      allHandlers.filter((h) => h.stage !== 'render'),
      'no handler registered for stage render',
    ],
    ['handler for an unknown stage', DAG, [...allHandlers, handler('publish')], 'unknown stage publish'],
    [
      'duplicate stage',
      [...DAG, { name: 'ingest', after: [], resource: 'net' }],
      allHandlers,
      'stage ingest is declared twice',
    ],
    [
      'unknown upstream',
      [{ name: 'a', after: ['zzz'], resource: 'cpu' }],
      [handler('a')],
      'after unknown stage zzz',
    ],
    [
      'cycle',
      [
        { name: 'a', after: ['c'], resource: 'cpu' },
        { name: 'b', after: ['a'], resource: 'cpu' },
        { name: 'c', after: ['b'], resource: 'cpu' },
      ],
      ['a', 'b', 'c'].map(handler),
      'stages form a cycle: a → c → b → a',
    ],
  ];
  it.each(invalid)('refuses %s', (_name, specs, handlers, message) => {
    expect(() => buildStageGraph(specs, handlers)).toThrow(StageGraphError);
    expect(() => buildStageGraph(specs, handlers)).toThrow(message);
  });

  const graph = buildStageGraph(DAG, allHandlers);
  it('orders stages upstream first', () => {
    expect(graph.order).toEqual(['ingest', 'transcribe', 'vision', 'segment', 'render']);
  });
  const closures: Array<[string[], string[]]> = [
    [['ingest'], ['ingest']],
    [['segment'], ['ingest', 'transcribe', 'vision', 'segment']],
    [
      ['render', 'vision'],
      ['ingest', 'transcribe', 'vision', 'segment', 'render'],
    ],
  ];
  it.each(closures)('withUpstream(%j)', (stages, expected) => {
    expect(graph.withUpstream(stages)).toEqual(expected);
  });
  const downstream: Array<[string, string[]]> = [
    ['ingest', ['transcribe', 'vision', 'segment', 'render']],
    ['vision', ['segment', 'render']],
    ['render', []],
  ];
  it.each(downstream)('downstreamOf(%s)', (stage, expected) => {
    expect(graph.downstreamOf(stage)).toEqual(expected);
  });

  it('accepts the pipeline DAG of DESIGN §2', () => {
    const pipeline = buildStageGraph(
      PIPELINE_STAGES,
      PIPELINE_STAGES.map((s) => handler(s.name)),
    );
    expect(pipeline.order).toEqual([
      'ingest',
      'transcribe',
      'vision',
      'segment',
      'render',
      'post-render',
      'publish',
    ]);
    expect(pipeline.withUpstream(IMPORT_STAGES)).toEqual([...IMPORT_STAGES]);
    // A post's stages are its own: publishing needs its render, not the video's import.
    expect(pipeline.withUpstream(['publish'])).toEqual([...POST_STAGES]);
  });

  it('without handlers still answers graph questions but has no handler to give', () => {
    const queueOnly = buildStageGraph(DAG, null);
    expect(queueOnly.downstreamOf('vision')).toEqual(['segment', 'render']);
    expect(() => queueOnly.handler('vision')).toThrow(
      'no handler registered for stage vision in this process',
    );
  });
});
