import { describe, expect, it } from 'vitest';
import { defaultResourceLimits } from './resource-limits.js';

describe('defaultResourceLimits', () => {
  it.each([
    [1, { gpu: 1, cpu: 1, net: 4 }],
    [2, { gpu: 1, cpu: 1, net: 4 }],
    [8, { gpu: 1, cpu: 7, net: 4 }],
  ])('%d cores', (cores, expected) => expect(defaultResourceLimits(cores)).toEqual(expected));
});
