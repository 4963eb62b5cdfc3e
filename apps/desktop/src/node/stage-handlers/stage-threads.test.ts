import { describe, expect, it } from 'vitest';
import { stageThreads } from './stage-threads.js';

describe('stageThreads', () => {
  it.each([
    [1, 0, { transcribe: 1, vision: 1 }],
    [2, 0, { transcribe: 1, vision: 1 }],
    [4, 0, { transcribe: 2, vision: 2 }],
    [8, 0, { transcribe: 4, vision: 4 }],
    [16, 0, { transcribe: 8, vision: 8 }],
    [2, 2, { transcribe: 2, vision: 1 }],
    [8, 6, { transcribe: 6, vision: 2 }],
  ])('%i cores, setting %i → %o', (cores, setting, expected) => {
    expect(stageThreads(cores, setting)).toEqual(expected);
  });

  it('takes a broken core count as one core', () => {
    expect(stageThreads(0, 0)).toEqual({ transcribe: 1, vision: 1 });
    expect(stageThreads(Number.NaN, 0)).toEqual({ transcribe: 1, vision: 1 });
  });
});
