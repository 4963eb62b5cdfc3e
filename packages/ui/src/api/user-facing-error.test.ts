import { describe, expect, it } from 'vitest';
import { toUserFacingProblem } from './user-facing-error.js';

describe('toUserFacingProblem', () => {
  it.each([
    [
      'tRPC error with data.kirinuki',
      { message: 'x', data: { kirinuki: { code: 'NOT_FOUND', message: 'No video.', hint: 'Import it.' } } },
      { code: 'NOT_FOUND', message: 'No video.', hint: 'Import it.' },
    ],
    [
      'tRPC error without a hint',
      { data: { kirinuki: { code: 'CORRUPT_MEDIA', message: 'Broken.' } } },
      { code: 'CORRUPT_MEDIA', message: 'Broken.' },
    ],
    [
      '/upload answer body',
      { error: { code: 'FILE_TOO_LARGE', message: 'Too big.', hint: '' } },
      { code: 'FILE_TOO_LARGE', message: 'Too big.' },
    ],
    ['plain Error', new Error('socket closed'), { code: 'UNKNOWN', message: 'socket closed' }],
    ['a string', 'boom', { code: 'UNKNOWN', message: 'boom' }],
    ['an empty error', new Error(''), { code: 'UNKNOWN', message: 'Something went wrong.' }],
  ])('%s', (_name, input, expected) => {
    expect(toUserFacingProblem(input)).toEqual(expected);
  });
});
