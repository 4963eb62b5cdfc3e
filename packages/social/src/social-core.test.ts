import { describe, expect, it, vi } from 'vitest';
import { PlatformRequestError, retryAfterMs } from './http/platform-error.js';
import { withRetries } from './http/upload-retry.js';
import { tokensOf } from './oauth/authorization-code.js';
import { platformOrigin, viaOrigin } from './platform-origin.js';

describe('platformOrigin and viaOrigin', () => {
  it.each([
    [{ KIRINUKI_PLATFORM_ORIGIN_TIKTOK: 'http://127.0.0.1:7001' }, null, 'http://127.0.0.1:7001'],
    [{}, 'https://proxy.example/some/path', 'https://proxy.example'],
    [{ KIRINUKI_PLATFORM_ORIGIN_TIKTOK: 'http://[::1]:9' }, 'https://ignored.example', 'http://[::1]:9'],
    [{}, null, null],
  ])('env %j, setting %s → %s', (env, setting, origin) => {
    expect(platformOrigin('tiktok', { env, setting })).toBe(origin);
  });

  it.each(['http://example.com', 'ftp://127.0.0.1', 'not a url'])(
    'refuses %s with INVALID_ARGUMENT',
    (value) => {
      expect(() => platformOrigin('x', { setting: value })).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
      );
    },
  );

  it('keeps the real path and query', () => {
    expect(
      viaOrigin('https://open.tiktokapis.com/v2/post/publish/video/init/?a=1', 'http://127.0.0.1:5').href,
    ).toBe('http://127.0.0.1:5/v2/post/publish/video/init/?a=1');
    expect(viaOrigin('https://api.x.com/2/tweets', null).href).toBe('https://api.x.com/2/tweets');
  });
});

describe('retryAfterMs', () => {
  it.each([
    ['3', 3000],
    ['0', 0],
    [new Date(10_000).toUTCString(), 9000],
    ['soon', null],
    [null, null],
  ])('%s → %s', (header, ms) => expect(retryAfterMs(header, 1000)).toBe(ms));
});

describe('withRetries', () => {
  const transient = () => new PlatformRequestError('503', 'transient', 503);
  const options = (extra = {}) => ({
    signal: new AbortController().signal,
    sleep: vi.fn(async () => undefined),
    ...extra,
  });

  it('keeps going while bytes are acknowledged, and gives up after a run of failures without progress', async () => {
    let acked = 0;
    let calls = 0;
    // 30 failures, each after a little more was acknowledged: never 3 in a row without progress.
    const progressing = await withRetries(
      async () => {
        calls += 1;
        if (calls <= 30) {
          acked += 1;
          throw transient();
        }
        return 'done';
      },
      () => acked,
      options({ maxFailuresWithoutProgress: 3 }),
    );
    expect(progressing).toBe('done');
    const stuck = withRetries(
      async () => Promise.reject(transient()),
      () => 0,
      options({ maxFailuresWithoutProgress: 3 }),
    );
    await expect(stuck).rejects.toMatchObject({ kind: 'transient' });
  });

  it('waits at least Retry-After, retries an auth failure once with a fresh token, and fails a permanent error at once', async () => {
    const sleep = vi.fn(async () => undefined);
    let n = 0;
    await withRetries(
      async () => {
        n += 1;
        if (n === 1) throw new PlatformRequestError('429', 'transient', 429, 7000);
        return n;
      },
      () => 0,
      options({ sleep }),
    );
    expect(sleep).toHaveBeenCalledWith(7000, expect.anything());
    const refreshed = vi.fn(async () => undefined);
    let m = 0;
    const auth = withRetries(
      async () => {
        m += 1;
        throw new PlatformRequestError('401', 'auth', 401);
      },
      () => 0,
      { ...options(), onAuthFailure: refreshed },
    );
    await expect(auth).rejects.toMatchObject({ kind: 'auth' });
    expect([m, refreshed.mock.calls.length]).toEqual([2, 1]);
    let p = 0;
    await expect(
      withRetries(
        async () => {
          p += 1;
          throw new PlatformRequestError('400', 'permanent', 400);
        },
        () => 0,
        options(),
      ),
    ).rejects.toMatchObject({ kind: 'permanent' });
    expect(p).toBe(1);
  });
});

describe('tokensOf', () => {
  it('never writes an empty refresh token over a good one', () => {
    const previous = { accessToken: 'a0', refreshToken: 'r0', expiresAt: 0, extra: { open_id: 'u' } };
    const response = { access_token: 'a1', token_type: 'bearer' as const, expires_in: 3600 };
    expect(tokensOf(response, 1000, previous)).toMatchObject({
      accessToken: 'a1',
      refreshToken: 'r0',
      expiresAt: 3_601_000,
      extra: { open_id: 'u' },
    });
    expect(tokensOf({ ...response, refresh_token: 'r1' }, 1000, previous).refreshToken).toBe('r1');
  });
});
