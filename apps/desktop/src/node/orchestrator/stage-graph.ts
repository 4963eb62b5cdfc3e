import type { ResourceClass } from '@kirinuki/contracts';
import type { StageHandler } from './stage-handler.js';

/** A stage of the pipeline DAG. Registered in one place; its handler is registered separately. */
export interface StageSpec {
  name: string;
  /** Stages whose outputs this one needs (for the same video). */
  after: readonly string[];
  resource: ResourceClass;
  /** Attempts before a transient error becomes a failure (default 3). */
  maxAttempts?: number;
}

export interface StageGraph {
  /** Stage names in a topological order (upstream first). */
  readonly order: readonly string[];
  spec(stage: string): StageSpec;
  handler(stage: string): StageHandler;
  /** The stages and everything they need, in topological order. */
  withUpstream(stages: readonly string[]): string[];
  /** Every stage that (transitively) needs `stage`, not including it. */
  downstreamOf(stage: string): string[];
}

export class StageGraphError extends Error {
  override readonly name = 'StageGraphError';
}

/**
 * Checks the DAG and its handlers at start: unknown or duplicate stages, cycles, and anything
 * but exactly one handler per stage are errors, so a misconfigured worker fails before it runs.
 * Without handlers (null) the graph serves a process that only manages the queue (CLI `jobs list`).
 */
export function buildStageGraph(
  specs: readonly StageSpec[],
  handlers: readonly StageHandler[] | null,
): StageGraph {
  const byName = new Map<string, StageSpec>();
  for (const spec of specs) {
    if (byName.has(spec.name)) throw new StageGraphError(`stage ${spec.name} is declared twice`);
    byName.set(spec.name, spec);
  }
  for (const spec of specs) {
    for (const upstream of spec.after) {
      if (!byName.has(upstream))
        throw new StageGraphError(`stage ${spec.name} comes after unknown stage ${upstream}`);
    }
  }
  const handlerOf = new Map<string, StageHandler>();
  for (const handler of handlers ?? []) {
    if (!byName.has(handler.stage))
      throw new StageGraphError(`a handler is registered for unknown stage ${handler.stage}`);
    if (handlerOf.has(handler.stage))
      throw new StageGraphError(`stage ${handler.stage} has more than one handler`);
    handlerOf.set(handler.stage, handler);
  }
  const missing = specs.filter((s) => !handlerOf.has(s.name)).map((s) => s.name);
  if (handlers && missing.length)
    throw new StageGraphError(`no handler registered for stage ${missing.join(', ')}`);

  // Depth-first topological sort in declaration order, reporting the cycle it finds.
  const order: string[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string, path: string[]) => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') {
      throw new StageGraphError(
        `stages form a cycle: ${[...path.slice(path.indexOf(name)), name].join(' → ')}`,
      );
    }
    state.set(name, 'visiting');
    for (const upstream of (byName.get(name) as StageSpec).after) visit(upstream, [...path, name]);
    state.set(name, 'done');
    order.push(name);
  };
  for (const spec of specs) visit(spec.name, []);

  const known = (stage: string) => {
    const spec = byName.get(stage);
    if (!spec) throw new StageGraphError(`unknown stage ${stage}`);
    return spec;
  };
  return {
    order,
    spec: known,
    handler: (stage) => {
      known(stage);
      const handler = handlerOf.get(stage);
      if (!handler) throw new StageGraphError(`no handler registered for stage ${stage} in this process`);
      return handler;
    },
    withUpstream: (stages) => {
      const wanted = new Set<string>();
      const add = (stage: string) => {
        if (wanted.has(stage)) return;
        wanted.add(stage);
        for (const upstream of known(stage).after) add(upstream);
      };
      stages.forEach(add);
      return order.filter((s) => wanted.has(s));
    },
    downstreamOf: (stage) => {
      known(stage);
      const found = new Set<string>();
      let changed = true;
      while (changed) {
        changed = false;
        for (const spec of specs) {
          if (found.has(spec.name)) continue;
          if (spec.after.some((u) => u === stage || found.has(u))) {
            found.add(spec.name);
            changed = true;
          }
        }
      }
      return order.filter((s) => found.has(s));
    },
  };
}
