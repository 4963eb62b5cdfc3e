import { afterEach, describe, expect, it } from 'vitest';
import {
  startInstagramFake,
  type InstagramFake,
  type InstagramFakeOptions,
} from '../fakes/instagram-fake.js';
import { newSignIn } from '../oauth/authorization-code.js';
import { createInstagramClient } from './instagram-client.js';

const REDIRECT = 'https://sync.kirinuki.test/oauth/instagram/callback';
const credentials = { clientId: 'app-1', clientSecret: 'secret-1' };
const DAY = 24 * 3600_000;

let fake: InstagramFake | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

async function setup(options: InstagramFakeOptions = {}) {
  let clock = Date.parse('2026-12-01T00:00:00Z');
  const now = () => clock;
  fake = await startInstagramFake({
    clientId: 'app-1',
    clientSecret: 'secret-1',
    redirectUris: [REDIRECT],
    now,
    ...options,
  });
  const client = createInstagramClient({ origin: fake.origin, now, sleep: async () => undefined });
  return { fake, client, now, advance: (ms: number) => (clock += ms) };
}

/** The user opens the authorize URL and clicks "Allow": the fake answers with the redirect. */
async function allow(url: string): Promise<string> {
  const response = await fetch(url, { redirect: 'manual' });
  expect(response.status).toBe(302);
  return response.headers.get('location')!;
}

describe('Instagram sign-in against its fake', () => {
  it('asks for the documented parameters on the fake’s origin, scopes comma-separated, no PKCE', async () => {
    const { client, fake } = await setup();
    const sign = await newSignIn();
    const url = new URL(
      client.authorizeUrl(credentials, {
        redirectUri: REDIRECT,
        state: sign.state,
        codeChallenge: sign.codeChallenge,
      }),
    );
    expect(url.origin + url.pathname).toBe(`${fake.origin}/oauth/authorize`);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: 'app-1',
      redirect_uri: REDIRECT,
      response_type: 'code',
      scope: 'instagram_business_basic,instagram_business_content_publish',
      state: sign.state,
    });
    expect(client.redirect).toEqual({ kind: 'https-registered' });
  });

  it.each(['documented', 'flat'] as const)(
    'signs in end to end (%s token answer): a long-lived token, no refresh token, the exact user id',
    async (tokenResponse) => {
      const { client, fake, now } = await setup({ tokenResponse });
      const sign = await newSignIn();
      const location = await allow(
        client.authorizeUrl(credentials, {
          redirectUri: REDIRECT,
          state: sign.state,
          codeChallenge: sign.codeChallenge,
        }),
      );
      expect(location.endsWith('#_')).toBe(true); // Instagram appends it; it is not part of the code
      const tokens = await client.exchangeCode(credentials, {
        url: location,
        state: sign.state,
        codeVerifier: sign.codeVerifier,
        redirectUri: REDIRECT,
      });
      expect(tokens).toMatchObject({
        refreshToken: null,
        expiresAt: now() + 60 * DAY,
        scope: 'instagram_business_basic,instagram_business_content_publish',
      });
      // 17841400000000001 is past 2^53: read as a number it would come back ...000000.
      expect(tokens.extra).toEqual({
        user_id: fake.userId,
        username: 'kirinuki.test',
        issued_at: String(now()),
      });
      expect(fake.auth.check(tokens.accessToken)).toMatchObject({ kind: 'long' });
      await expect(client.account(tokens.accessToken, tokens.extra!)).resolves.toEqual({
        remoteId: fake.userId,
        name: 'kirinuki.test',
        avatarUrl: 'https://cdn.test/kirinuki.test.jpg',
      });
    },
  );

  it('refuses what the platform refuses: another app secret, a reused code, another redirect URI', async () => {
    const { client } = await setup();
    const sign = await newSignIn();
    const request = { redirectUri: REDIRECT, state: sign.state, codeChallenge: sign.codeChallenge };
    const callback = (url: string, redirectUri = REDIRECT) => ({
      url,
      state: sign.state,
      codeVerifier: sign.codeVerifier,
      redirectUri,
    });
    const refused = (message: RegExp) =>
      expect.objectContaining({ code: 'SIGN_IN_FAILED', message: expect.stringMatching(message) });

    // Instagram has no PKCE: what binds the code is the app secret and the redirect URI.
    const first = await allow(client.authorizeUrl(credentials, request));
    await expect(
      client.exchangeCode({ ...credentials, clientSecret: 'stolen' }, callback(first)),
    ).rejects.toThrow(refused(/client secret/));
    const second = await allow(client.authorizeUrl(credentials, request));
    await client.exchangeCode(credentials, callback(second));
    await expect(client.exchangeCode(credentials, callback(second))).rejects.toThrow(
      refused(/expired or has been used/),
    );
    const third = await allow(client.authorizeUrl(credentials, request));
    await expect(client.exchangeCode(credentials, callback(third, 'https://other.test/cb'))).rejects.toThrow(
      refused(/redirect_uri/),
    );
  });

  it('refuses an answer of another sign-in (state), a denial, and a missing secret before any token call', async () => {
    const { client, fake } = await setup();
    const sign = await newSignIn();
    const request = { redirectUri: REDIRECT, state: sign.state, codeChallenge: sign.codeChallenge };
    const location = await allow(client.authorizeUrl(credentials, request));
    const callback = {
      url: location,
      state: 'someone-else',
      codeVerifier: sign.codeVerifier,
      redirectUri: REDIRECT,
    };
    await expect(client.exchangeCode(credentials, callback)).rejects.toMatchObject({
      code: 'SIGN_IN_FAILED',
    });
    await expect(
      client.exchangeCode({ clientId: 'app-1' }, { ...callback, state: sign.state }),
    ).rejects.toMatchObject({
      code: 'PLATFORM_NOT_CONFIGURED',
    });
    fake.knobs.approveSignIn = false;
    const denied = await allow(client.authorizeUrl(credentials, request));
    await expect(
      client.exchangeCode(credentials, { ...callback, url: denied, state: sign.state }),
    ).rejects.toThrow(/access_denied/);
    expect(fake.auth.counts.codeRedemptions).toBe(0);
  });

  it('does not open the window for an unregistered redirect URI or another app', async () => {
    const { client } = await setup();
    const request = { redirectUri: 'https://evil.test/cb', state: 's', codeChallenge: 'c' };
    expect((await fetch(client.authorizeUrl(credentials, request), { redirect: 'manual' })).status).toBe(400);
    const other = client.authorizeUrl({ clientId: 'other' }, { ...request, redirectUri: REDIRECT });
    expect((await fetch(other, { redirect: 'manual' })).status).toBe(400);
  });
});

describe('refreshing the long-lived token (Instagram has no refresh token)', () => {
  it('keeps a token younger than 24 h as it is, then refreshes it; the replaced one is refused', async () => {
    const { client, fake, advance, now } = await setup();
    const issuedAt = now();
    const first = fake.issueToken();
    const tokens = {
      accessToken: first,
      refreshToken: null,
      expiresAt: issuedAt + 60 * DAY,
      extra: { user_id: fake.userId, issued_at: String(issuedAt) },
    };

    expect(await client.refresh(credentials, tokens)).toBe(tokens);
    expect(fake.auth.counts.refreshes).toBe(0);

    advance(25 * 3600_000);
    const next = await client.refresh(credentials, tokens);
    expect(next).toMatchObject({
      refreshToken: null,
      expiresAt: now() + 60 * DAY,
      extra: { user_id: fake.userId, issued_at: String(now()) },
    });
    expect(next.accessToken).not.toBe(first);
    expect(fake.auth.counts.refreshes).toBe(1);
    await expect(client.account(next.accessToken, next.extra!)).resolves.toMatchObject({
      remoteId: fake.userId,
    });

    // The replaced token again: refused for a refresh and for the API alike.
    await expect(client.refresh(credentials, tokens)).rejects.toMatchObject({
      code: 'ACCOUNT_RECONNECT_NEEDED',
    });
    await expect(client.account(first, tokens.extra)).rejects.toMatchObject({
      code: 'ACCOUNT_RECONNECT_NEEDED',
    });
  });

  it('asks for a new sign-in once the token has expired', async () => {
    const { client, fake, advance, now } = await setup();
    const tokens = {
      accessToken: fake.issueToken(),
      refreshToken: null,
      expiresAt: null,
      extra: { user_id: fake.userId, issued_at: String(now()) },
    };
    advance(61 * DAY);
    await expect(client.refresh(credentials, tokens)).rejects.toMatchObject({
      code: 'ACCOUNT_RECONNECT_NEEDED',
    });
  });
});
