import { afterEach, describe, expect, it } from 'vitest';
import { newSignIn } from '../oauth/authorization-code.js';
import { createXClient } from './x-client.js';
import {
  CONFIDENTIAL,
  PUBLIC_CLIENT,
  REDIRECT_URI,
  signIn,
  xWorld,
  type XWorld,
} from './test-support/x-harness.js';

let world: XWorld | null = null;
afterEach(async () => {
  await world?.close();
  world = null;
});

describe('X sign-in (OAuth 2.0 authorization code + PKCE)', () => {
  it('builds the authorize URL on x.com with the scopes, S256 and a fixed loopback callback', async () => {
    const client = createXClient();
    const { codeChallenge, state } = await newSignIn();
    const url = new URL(
      client.authorizeUrl(CONFIDENTIAL, { redirectUri: REDIRECT_URI, state, codeChallenge }),
    );
    expect(`${url.origin}${url.pathname}`).toBe('https://x.com/i/oauth2/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: CONFIDENTIAL.clientId,
      redirect_uri: 'http://127.0.0.1:8765/callback',
      scope: 'tweet.read tweet.write users.read media.write offline.access',
      state,
      code_challenge: codeChallenge,
      code_challenge_method: 'S256',
    });
    expect(client.redirect).toEqual({ kind: 'loopback-fixed-port', path: '/callback', port: 8765 });
  });

  it.each([
    ['a confidential client (HTTP Basic)', CONFIDENTIAL],
    ['a public client (client_id in the body)', PUBLIC_CLIENT],
  ])('signs in end to end as %s: 2-hour access token, a refresh token', async (_name, credentials) => {
    world = await xWorld();
    const tokens = await signIn(world, credentials);
    expect(tokens.accessToken).toMatch(/^at\./);
    expect(tokens.refreshToken).toMatch(/^rt\./);
    expect(tokens.expiresAt).toBe(world.clock.now() + 7200_000);
    expect(tokens.scope).toBe('tweet.read tweet.write users.read media.write offline.access');
  });

  it.each([
    ['a wrong PKCE verifier', CONFIDENTIAL, { codeVerifier: 'x'.repeat(43) }],
    ['a wrong client secret', { ...CONFIDENTIAL, clientSecret: 'wrong' }, {}],
    ['a confidential client without its secret', { clientId: CONFIDENTIAL.clientId }, {}],
  ])('refuses %s with SIGN_IN_FAILED', async (_name, credentials, tamper) => {
    world = await xWorld();
    await expect(signIn(world, credentials, tamper)).rejects.toMatchObject({ code: 'SIGN_IN_FAILED' });
  });

  it('shows no redirect for a callback that is not on the allowlist, nor for an unknown app', async () => {
    world = await xWorld();
    const { codeChallenge, state } = await newSignIn();
    for (const [credentials, redirectUri] of [
      [CONFIDENTIAL, 'http://127.0.0.1:9999/callback'],
      [{ clientId: 'someone-else' }, REDIRECT_URI],
    ] as const) {
      const url = world.client.authorizeUrl(credentials, { redirectUri, state, codeChallenge });
      const page = await fetch(url, { redirect: 'manual' });
      expect(page.status).toBe(400);
      expect(page.headers.get('location')).toBeNull();
    }
  });

  it('refuses a code older than X’s 30 seconds', async () => {
    world = await xWorld();
    const w = world;
    const { codeVerifier, codeChallenge, state } = await newSignIn();
    const page = await fetch(
      w.client.authorizeUrl(CONFIDENTIAL, { redirectUri: REDIRECT_URI, state, codeChallenge }),
      {
        redirect: 'manual',
      },
    );
    w.clock.advance(31_000);
    await expect(
      w.client.exchangeCode(CONFIDENTIAL, {
        url: page.headers.get('location')!,
        state,
        codeVerifier,
        redirectUri: REDIRECT_URI,
      }),
    ).rejects.toMatchObject({ code: 'SIGN_IN_FAILED' });
  });

  it('asks for a client id before anything else', () => {
    expect(() =>
      createXClient().authorizeUrl(
        { clientId: '' },
        { redirectUri: REDIRECT_URI, state: 's', codeChallenge: 'c' },
      ),
    ).toThrow(expect.objectContaining({ code: 'PLATFORM_NOT_CONFIGURED' }));
  });
});

describe('X refresh tokens rotate and are single-use', () => {
  it('a refresh gives a new pair; the old refresh token is refused, and its reuse revokes the family', async () => {
    world = await xWorld();
    const first = await signIn(world);
    const second = await world.client.refresh(CONFIDENTIAL, first);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.accessToken).not.toBe(first.accessToken);
    await expect(world.client.account(second.accessToken, {})).resolves.toMatchObject({
      remoteId: world.fake.user.id,
    });
    // The old one again: X refuses it, and (reuse detection) the new pair stops working too.
    await expect(world.client.refresh(CONFIDENTIAL, first)).rejects.toMatchObject({
      code: 'ACCOUNT_RECONNECT_NEEDED',
    });
    await expect(world.client.refresh(CONFIDENTIAL, second)).rejects.toMatchObject({
      code: 'ACCOUNT_RECONNECT_NEEDED',
    });
    await expect(world.client.account(second.accessToken, {})).rejects.toMatchObject({
      code: 'ACCOUNT_RECONNECT_NEEDED',
    });
  });

  it('asks for a new sign-in when there is no refresh token to use', async () => {
    world = await xWorld();
    const tokens = await signIn(world);
    await expect(world.client.refresh(CONFIDENTIAL, { ...tokens, refreshToken: null })).rejects.toMatchObject(
      {
        code: 'ACCOUNT_RECONNECT_NEEDED',
      },
    );
  });
});

describe('X account and limits', () => {
  it('names the account from /2/users/me', async () => {
    world = await xWorld();
    const tokens = await signIn(world);
    await expect(world.client.account(tokens.accessToken, {})).resolves.toEqual({
      remoteId: '1790000000000000001',
      name: 'Kirinuki Dev (@kirinuki_dev)',
      avatarUrl: 'https://pbs.twimg.com/profile_images/1790000000000000001/avatar_normal.jpg',
    });
    // Once at sign-in (the user is kept with the tokens), once for the account.
    expect(world.fake.counts.usersMe).toBe(2);
  });

  it('reads the account through a 503 and a 429 (a read retries before saying X is unavailable)', async () => {
    let faults = 2;
    world = await xWorld(
      {},
      {
        fetch: async (input, init) => {
          const url = new URL(input instanceof Request ? input.url : String(input));
          if (url.pathname === '/2/users/me' && faults > 0) {
            faults -= 1;
            return new Response('{"title":"Service Unavailable"}', {
              status: faults === 1 ? 503 : 429,
              headers: { 'content-type': 'application/json', 'retry-after': '1' },
            });
          }
          return fetch(input, init);
        },
      },
    );
    const tokens = await signIn(world);
    await expect(world.client.account(tokens.accessToken, {})).resolves.toMatchObject({
      remoteId: '1790000000000000001',
    });
    expect(faults).toBe(0);
  });

  it('gives X’s documented limits: 140 s, 512 MB, no privacy setting', async () => {
    await expect(createXClient().limits('t', {})).resolves.toMatchObject({
      privacy: null,
      maxDurationSec: 140,
      maxSizeBytes: 512 * 1024 * 1024,
    });
  });
});
