import { describe, expect, it } from 'vitest';
import { UserFacingError } from '@kirinuki/contracts';
import { decideAfterFailure, DEFAULT_RETRY_POLICY } from './retry-policy.js';

describe('decideAfterFailure', () => {
  const wrapped = new Error('service call failed', {
    cause: new UserFacingError('CORRUPT_MEDIA', 'a.mp4 is damaged'),
  });
  const cases: Array<
    [string, unknown, number, number, { action: string; delayMs?: number; code: string; message: RegExp }]
  > = [
    [
      'user-facing error fails at once',
      new UserFacingError('EMPTY_FILE', 'a.mp4 is 0 bytes'),
      1,
      3,
      { action: 'fail', code: 'EMPTY_FILE', message: /0 bytes/ },
    ],
    [
      'user-facing cause of a service error fails at once',
      wrapped,
      1,
      3,
      { action: 'fail', code: 'CORRUPT_MEDIA', message: /damaged/ },
    ],
    [
      'first transient error retries after the base delay',
      new Error('EBUSY'),
      1,
      3,
      { action: 'retry', delayMs: 2_000, code: 'INTERNAL', message: /EBUSY/ },
    ],
    [
      'second transient error doubles the delay',
      new Error('EBUSY'),
      2,
      3,
      { action: 'retry', delayMs: 4_000, code: 'INTERNAL', message: /EBUSY/ },
    ],
    [
      'the last attempt fails with the last error',
      new Error('EBUSY'),
      3,
      3,
      { action: 'fail', code: 'INTERNAL', message: /Failed 3 times; the last error: EBUSY/ },
    ],
    [
      'a thrown string is transient',
      'weird',
      1,
      2,
      { action: 'retry', delayMs: 2_000, code: 'INTERNAL', message: /weird/ },
    ],
  ];
  it.each(cases)('%s', (_name, thrown, attempt, max, expected) => {
    const decision = decideAfterFailure(thrown, attempt, max, DEFAULT_RETRY_POLICY);
    expect(decision.action).toBe(expected.action);
    if (decision.action === 'retry') expect(decision.delayMs).toBe(expected.delayMs);
    expect(decision.error.code).toBe(expected.code);
    expect(decision.error.message).toMatch(expected.message);
    expect(decision.error.hint.length).toBeGreaterThan(0);
  });

  it('caps the backoff', () => {
    const decision = decideAfterFailure(new Error('x'), 30, 100, DEFAULT_RETRY_POLICY);
    expect(decision).toMatchObject({ action: 'retry', delayMs: 5 * 60_000 });
  });
});
