import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { newSignIn } from '../oauth/authorization-code.js';
import type { TikTokFakeOptions } from '../fakes/tiktok-fake.js';
import { createTikTokClient } from './tiktok-client.js';
import {
  closeFakes,
  CREDENTIALS,
  fakeAndClient,
  REDIRECT_URI,
  signIn,
} from './test-support/tiktok-harness.js';

afterEach(closeFakes);

const setUp = (options: Partial<TikTokFakeOptions> = {}) => fakeAndClient(options);

describe('TikTok sign-in (Login Kit for Desktop)', () => {
  it('asks with client_key, comma-separated scopes and the hex SHA-256 challenge, on the real path', async () => {
    const { client } = await setUp();
    const { codeVerifier, codeChallenge, state } = await newSignIn();
    const url = new URL(
      client.authorizeUrl(CREDENTIALS, { redirectUri: REDIRECT_URI, state, codeChallenge }),
    );
    expect(url.pathname).toBe('/v2/auth/authorize/');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_key: CREDENTIALS.clientId,
      scope: 'user.info.basic,video.publish',
      response_type: 'code',
      redirect_uri: REDIRECT_URI,
      state,
      code_challenge: createHash('sha256').update(codeVerifier).digest('hex'),
      code_challenge_method: 'S256',
    });
    expect(client.redirect).toEqual({ kind: 'loopback-any-port', path: '/callback/' });
    expect(
      createTikTokClient().authorizeUrl(CREDENTIALS, { redirectUri: REDIRECT_URI, state, codeChallenge }),
    ).toMatch(/^https:\/\/www\.tiktok\.com\/v2\/auth\/authorize\/\?/);
  });

  it('goes through the authorize redirect and trades the code with the PKCE verifier', async () => {
    const { client, clock } = await setUp();
    const tokens = await signIn(client);
    expect(tokens).toMatchObject({
      accessToken: expect.stringMatching(/^at\./),
      refreshToken: expect.stringMatching(/^rt\./),
      expiresAt: clock.now() + 86_400_000,
      refreshExpiresAt: clock.now() + 31_536_000_000,
      scope: 'user.info.basic,video.publish',
      extra: { open_id: '-000Y1xTfakeOpenId' },
    });
  });

  it.each<[string, Partial<TikTokFakeOptions>, Parameters<typeof signIn>[2], RegExp]>([
    [
      'a wrong PKCE verifier',
      {},
      { codeVerifier: 'x'.repeat(43) },
      /invalid_grant: code_verifier does not match/,
    ],
    ['an answer for another sign-in (state)', {}, { state: 'someone-else' }, /state differs/],
    ['the user pressing Cancel', { denySignIn: true }, {}, /access_denied/],
    [
      'posting switched off at the consent screen',
      { grantScopes: ['user.info.basic'] },
      {},
      /did not allow video\.publish/,
    ],
  ])('refuses %s with SIGN_IN_FAILED', async (_label, options, tamper, message) => {
    const { client } = await setUp(options);
    await expect(signIn(client, CREDENTIALS, tamper)).rejects.toMatchObject({
      code: 'SIGN_IN_FAILED',
      message: expect.stringMatching(message),
    });
  });

  it('needs the client key and the client secret, and refuses another app’s secret', async () => {
    const { client } = await setUp();
    const request = {
      redirectUri: REDIRECT_URI,
      state: 's',
      codeChallenge: (await newSignIn()).codeChallenge,
    };
    expect(() => client.authorizeUrl({ clientId: '' }, request)).toThrow(
      expect.objectContaining({ code: 'PLATFORM_NOT_CONFIGURED' }),
    );
    await expect(signIn(client, { clientId: CREDENTIALS.clientId })).rejects.toMatchObject({
      code: 'PLATFORM_NOT_CONFIGURED',
    });
    await expect(signIn(client, { ...CREDENTIALS, clientSecret: 'wrong' })).rejects.toMatchObject({
      code: 'SIGN_IN_FAILED',
      message: expect.stringMatching(/invalid_client/),
    });
  });
});

describe('TikTok token refresh', () => {
  it('saves the rotated refresh token; the used one is refused, and its reuse ends the sign-in', async () => {
    const { client, fake } = await setUp();
    const first = await signIn(client);
    const second = await client.refresh(CREDENTIALS, first);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.accessToken).not.toBe(first.accessToken);
    expect(second.extra).toEqual({ open_id: '-000Y1xTfakeOpenId' });
    expect(fake.counts.refreshes).toBe(1);
    await expect(client.refresh(CREDENTIALS, first)).rejects.toMatchObject({
      code: 'ACCOUNT_RECONNECT_NEEDED',
    });
    // Reuse revokes the family (RFC 9700 §4.14.2): the newest token stops working too.
    await expect(client.refresh(CREDENTIALS, second)).rejects.toMatchObject({
      code: 'ACCOUNT_RECONNECT_NEEDED',
    });
  });

  it('keeps the saved sign-in when TikTok is down (not a reconnect)', async () => {
    const { fake: running } = await setUp();
    const down = createTikTokClient({
      origin: running.origin,
      fetch: async () => new Response('{}', { status: 503 }),
    });
    await expect(
      down.refresh(CREDENTIALS, { accessToken: 'a', refreshToken: 'r', expiresAt: 0 }),
    ).rejects.toMatchObject({ code: 'PLATFORM_UNAVAILABLE' });
  });
});

describe('TikTok account and limits', () => {
  it('reads the account from user info', async () => {
    const { client } = await setUp();
    const tokens = await signIn(client);
    expect(await client.account(tokens.accessToken, tokens.extra ?? {})).toEqual({
      remoteId: '-000Y1xTfakeOpenId',
      name: 'Kirinuki Tester',
      avatarUrl: 'https://p16.tiktokcdn.example/avatar.jpeg',
    });
  });

  it('takes privacy only from creator info, with the creator’s own switches', async () => {
    const { client } = await setUp({
      privacyLevelOptions: ['SELF_ONLY'],
      commentDisabled: true,
      maxVideoPostDurationSec: 180,
    });
    const tokens = await signIn(client);
    const limits = await client.limits(tokens.accessToken, tokens.extra ?? {});
    expect(limits).toMatchObject({
      privacy: [{ choice: 'private', value: 'SELF_ONLY' }],
      maxDurationSec: 180,
      commentsDisabled: true,
      duetDisabled: false,
      creatorName: 'Kirinuki Tester',
    });
  });

  it('hands creator info’s 21st in a minute back with its Retry-After as when to try again, then answers then', async () => {
    const { client, fake, clock } = await setUp();
    const tokens = await signIn(client);
    for (let i = 0; i < 20; i += 1) await client.limits(tokens.accessToken, {});
    const refused = await client.limits(tokens.accessToken, {}).catch((e: unknown) => e);
    expect(refused).toMatchObject({ retryAt: expect.any(Number) });
    expect(fake.counts.rateLimited).toBe(1);
    expect(clock.slept.every((ms) => ms <= 30_000)).toBe(true);
    await clock.sleep((refused as { retryAt: number }).retryAt - clock.now());
    await client.limits(tokens.accessToken, {});
    expect(fake.counts.creatorInfo).toBe(21);
  });

  it('says an expired or revoked token needs a reconnect', async () => {
    const { client, fake } = await setUp();
    const tokens = await signIn(client);
    fake.revokeAccess();
    await expect(client.limits(tokens.accessToken, {})).rejects.toMatchObject({
      code: 'ACCOUNT_RECONNECT_NEEDED',
      message: expect.stringMatching(/access_token_invalid/),
    });
  });
});
