import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { newSignIn } from '../oauth/authorization-code.js';
import { closeFakes, CREDENTIALS, fakeAndClient, signIn } from '../tiktok/test-support/tiktok-harness.js';
import type { TikTokFakeOptions } from './tiktok-fake.js';

// The fake's own contract, request by request, without our client in the way: it must refuse what
// TikTok's docs refuse, so that a client bug shows up against it.

const MIB = 1024 * 1024;
afterEach(closeFakes);

async function setUp(options: Partial<TikTokFakeOptions> = {}) {
  const { fake, client, clock } = await fakeAndClient(options);
  const { accessToken } = await signIn(client);
  const api = async (path: string, body: unknown, token = accessToken) => {
    const answer = await fetch(`${fake.origin}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json; charset=UTF-8' },
      body: JSON.stringify(body),
    });
    return {
      status: answer.status,
      body: (await answer.json()) as {
        data: Record<string, unknown>;
        error: { code: string; message: string };
      },
    };
  };
  const init = (
    source: Record<string, unknown>,
    postInfo: Record<string, unknown> = { privacy_level: 'SELF_ONLY' },
  ) =>
    api('/v2/post/publish/video/init/', {
      post_info: postInfo,
      source_info: { source: 'FILE_UPLOAD', ...source },
    });
  return { fake, clock, api, init };
}

const put = (url: string, range: string, bytes: number, type = 'video/mp4') =>
  fetch(url, {
    method: 'PUT',
    headers: { 'content-type': type, 'content-range': range },
    body: new Uint8Array(bytes),
  });

describe('the TikTok fake enforces Direct Post', () => {
  it.each<[string, Record<string, unknown>, RegExp]>([
    ['a count rounded up', { video_size: 50_000_123, chunk_size: 10_000_000, total_chunk_count: 6 }, /floor/],
    [
      'a chunk under 5 MB',
      { video_size: 20 * MIB, chunk_size: 4 * MIB, total_chunk_count: 5 },
      /outside 5 MB/,
    ],
    [
      'a small file in pieces',
      { video_size: 4 * MIB, chunk_size: 2 * MIB, total_chunk_count: 2 },
      /uploaded whole/,
    ],
    [
      'over 64 MB in one chunk',
      { video_size: 100e6, chunk_size: 64e6, total_chunk_count: 1 },
      /more than one chunk/,
    ],
    [
      'more than 1000 chunks',
      { video_size: 6e9, chunk_size: 5.5 * MIB, total_chunk_count: 1040 },
      /1 to 1000/,
    ],
  ])('refuses %s (invalid_params)', async (_label, source, message) => {
    const { init } = await setUp();
    const { status, body } = await init(source);
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'invalid_params', message: expect.stringMatching(message) });
  });

  it.each<[string, Partial<TikTokFakeOptions>, Record<string, unknown>, number, string]>([
    [
      'a level the creator does not offer',
      { privacyLevelOptions: ['SELF_ONLY'] },
      { privacy_level: 'PUBLIC_TO_EVERYONE' },
      403,
      'privacy_level_option_mismatch',
    ],
    [
      'a public post from an unaudited app',
      { unaudited: true },
      { privacy_level: 'PUBLIC_TO_EVERYONE' },
      403,
      'unaudited_client_can_only_post_to_private_accounts',
    ],
    [
      'a caption over 2,200 UTF-16 units',
      {},
      { privacy_level: 'SELF_ONLY', title: '😀'.repeat(1101) },
      400,
      'invalid_params',
    ],
    [
      'comments on when the creator turned them off',
      { commentDisabled: true },
      { privacy_level: 'SELF_ONLY', disable_comment: false },
      400,
      'invalid_params',
    ],
  ])('refuses %s', async (_label, options, postInfo, status, code) => {
    const { init } = await setUp(options);
    const answer = await init({ video_size: 1000, chunk_size: 1000, total_chunk_count: 1 }, postInfo);
    expect([answer.status, answer.body.error.code]).toEqual([status, code]);
  });

  it('takes the chunks only in order and whole: 206 until the last, 201 then; the post has the bytes', async () => {
    const { api, init, fake } = await setUp();
    const size = 12 * MIB;
    const { body } = await init({ video_size: size, chunk_size: 5 * MIB, total_chunk_count: 2 });
    const url = String(body.data.upload_url);
    expect(url).toMatch(new RegExp(`^${fake.origin}/video/\\?upload_id=\\w+&upload_token=`));
    expect((await put(url, `bytes ${5 * MIB}-${size - 1}/${size}`, 7 * MIB)).status).toBe(416);
    expect((await put(url, `bytes 0-${4 * MIB - 1}/${size}`, 4 * MIB)).status).toBe(400);
    expect(
      (await put(url, `bytes 0-${5 * MIB - 1}/${size}`, 5 * MIB, 'application/octet-stream')).status,
    ).toBe(400);
    expect((await put(`${url}x`, `bytes 0-${5 * MIB - 1}/${size}`, 5 * MIB)).status).toBe(404);
    expect((await put(url, `bytes 0-${5 * MIB - 1}/${size}`, 5 * MIB)).status).toBe(206);
    const halfway = await api('/v2/post/publish/status/fetch/', { publish_id: body.data.publish_id });
    expect(halfway.body.data).toMatchObject({ status: 'PROCESSING_UPLOAD', uploaded_bytes: 5 * MIB });
    expect((await put(url, `bytes 0-${5 * MIB - 1}/${size}`, 5 * MIB)).status).toBe(416);
    expect((await put(url, `bytes ${5 * MIB}-${size - 1}/${size}`, 7 * MIB)).status).toBe(201);
    expect(fake.posts).toEqual([
      expect.objectContaining({
        size,
        sha256: createHash('sha256').update(new Uint8Array(size)).digest('hex'),
      }),
    ]);
  });

  it('answers 401 access_token_invalid to no token and to an expired one, 429 past 6 inits a minute', async () => {
    const {
      api,
      init,
      clock,
      fake: { origin },
    } = await setUp({ accessTokenTtlSec: 600 });
    const source = { video_size: 1000, chunk_size: 1000, total_chunk_count: 1 };
    expect((await api('/v2/post/publish/video/init/', {}, '')).body.error.code).toBe('access_token_invalid');
    for (let i = 0; i < 6; i += 1) expect((await init(source)).status).toBe(200);
    const limited = await fetch(`${origin}/v2/post/publish/video/init/`, { method: 'POST' });
    expect(limited.status).toBe(401);
    const seventh = await init(source);
    expect([seventh.status, seventh.body.error.code]).toEqual([429, 'rate_limit_exceeded']);
    clock.advance(601_000);
    expect((await init(source)).body.error.code).toBe('access_token_invalid');
  });
});

describe('the TikTok fake enforces Login Kit for Desktop', () => {
  const authorize = async (origin: string, change: Record<string, string>) => {
    const { codeChallenge, state } = await newSignIn();
    const url = new URL('/v2/auth/authorize/', origin);
    const params = {
      client_key: CREDENTIALS.clientId,
      scope: 'user.info.basic,video.publish',
      response_type: 'code',
      redirect_uri: 'http://127.0.0.1:40123/callback/',
      state,
      code_challenge: Buffer.from(codeChallenge, 'base64url').toString('hex'),
      code_challenge_method: 'S256',
      ...change,
    };
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    return fetch(url, { redirect: 'manual' });
  };

  it.each([
    ['another client key', { client_key: 'someone-else' }, 'client_key'],
    ['an https redirect off loopback', { redirect_uri: 'https://example.com/callback/' }, 'redirect_uri'],
    ['an unregistered path', { redirect_uri: 'http://127.0.0.1:40123/other/' }, 'redirect_uri'],
    ['a scope the app lacks', { scope: 'user.info.basic,video.list' }, 'scope'],
    [
      'a base64url (RFC 7636) challenge: desktop wants hex',
      { code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM' },
      'code_challenge',
    ],
    ['a plain challenge', { code_challenge_method: 'plain' }, 'code_challenge'],
  ])('shows an error page, no redirect, for %s', async (_label, change, parameter) => {
    const { fake } = await setUp();
    const answer = await authorize(fake.origin, change);
    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({ error_description: expect.stringContaining(parameter) });
  });

  it('redirects to any port of the registered loopback URI, with the code and the state', async () => {
    const { fake } = await setUp();
    const answer = await authorize(fake.origin, {
      redirect_uri: 'http://127.0.0.1:61234/callback/',
      state: 'st',
    });
    expect(answer.status).toBe(302);
    expect(answer.headers.get('location')).toMatch(
      /^http:\/\/127\.0\.0\.1:61234\/callback\/\?code=code\.[\w-]+&state=st$/,
    );
  });
});
