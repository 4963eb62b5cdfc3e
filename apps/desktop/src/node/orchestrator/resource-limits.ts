import { availableParallelism } from 'node:os';
import type { ResourceClass } from '@kirinuki/contracts';

export type ResourceLimits = Record<ResourceClass, number>;

/** gpu 1 (one model on the GPU at a time), cpu = cores − 1 (at least 1, leaving one for the UI), net 4. */
export function defaultResourceLimits(cores: number = availableParallelism()): ResourceLimits {
  return { gpu: 1, cpu: Math.max(1, cores - 1), net: 4 };
}
