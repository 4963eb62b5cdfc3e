import { describe, expect, it } from 'vitest';
import { describeFailure } from './describe-failure.js';
import { abortError, UserFacingError } from './user-facing-error.js';
import { ERROR_CODES } from './error-codes.js';

describe('describeFailure', () => {
  const cases: Array<[string, unknown, 1 | 2, string, string | RegExp]> = [
    [
      'user-facing error',
      new UserFacingError('EMPTY_FILE', 'a.mp4 is 0 bytes'),
      2,
      'EMPTY_FILE',
      'a.mp4 is 0 bytes',
    ],
    [
      'user-facing error with own hint',
      new UserFacingError('INVALID_ARGUMENT', 'bad', { hint: 'do x' }),
      2,
      'INVALID_ARGUMENT',
      'bad',
    ],
    [
      "a service's user-facing error, wrapped by the call that carried it",
      new Error('call failed', {
        cause: new Error('client', { cause: new UserFacingError('NOT_FOUND', 'No clip x.') }),
      }),
      2,
      'NOT_FOUND',
      'No clip x.',
    ],
    ['abort', abortError(), 2, 'CANCELLED', 'Cancelled.'],
    [
      'commander usage error',
      { code: 'commander.unknownOption', message: "error: unknown option '--nope'" },
      2,
      'USAGE',
      "unknown option '--nope'",
    ],
    ['plain error', new Error('boom'), 1, 'INTERNAL', 'boom'],
    ['thrown string', 'weird', 1, 'INTERNAL', /weird/],
    ['thrown null', null, 1, 'INTERNAL', /null/],
  ];
  it.each(cases)('%s', (_name, thrown, exitCode, code, message) => {
    const described = describeFailure(thrown);
    expect(described.exitCode).toBe(exitCode);
    expect(described.error.code).toBe(code);
    expect(described.error.message).toMatch(message);
    expect(described.error.hint.length).toBeGreaterThan(0);
  });

  it('keeps a custom hint and defaults to the code list otherwise', () => {
    expect(describeFailure(new UserFacingError('INVALID_ARGUMENT', 'bad', { hint: 'do x' })).error.hint).toBe(
      'do x',
    );
    expect(describeFailure(new UserFacingError('EMPTY_FILE', 'x')).error.hint).toBe(ERROR_CODES.EMPTY_FILE);
  });
});

describe('UserFacingError.retryAt', () => {
  it('is taken from a cause that knows when to try again, and told in its JSON', () => {
    const busy = Object.assign(new Error('429'), { retryAt: 1_800_000_600_000 });
    const error = new UserFacingError('PLATFORM_RATE_LIMITED', 'X: Too Many Requests', {
      cause: new Error('wrapped', { cause: busy }),
    });
    expect(error.retryAt).toBe(1_800_000_600_000);
    expect(describeFailure(error).error).toMatchObject({
      code: 'PLATFORM_RATE_LIMITED',
      retryAt: 1_800_000_600_000,
    });
    const plain = new UserFacingError('PLATFORM_UNAVAILABLE', 'down');
    expect(plain.retryAt).toBeUndefined();
    expect(plain.toJSON()).toEqual({ code: 'PLATFORM_UNAVAILABLE', message: 'down', hint: plain.hint });
  });
});
