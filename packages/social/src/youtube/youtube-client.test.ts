import { afterEach, describe, expect, it } from 'vitest';
import { newSignIn } from '../oauth/authorization-code.js';
import type { YouTubeFakeOptions } from '../fakes/youtube-fake.js';
import { createYouTubeClient } from './youtube-client.js';
import {
  CREDENTIALS,
  REDIRECT_URI,
  signIn,
  startRig,
  type TestRig,
} from './test-support/youtube-test-host.js';

const rigs: TestRig[] = [];
afterEach(async () => {
  await Promise.all(rigs.splice(0).map((r) => r.close()));
});
async function rig(options: Partial<YouTubeFakeOptions> = {}) {
  const r = await startRig(options);
  rigs.push(r);
  return r;
}

describe('YouTube sign-in (Google OAuth for desktop apps) against the fake', () => {
  it('goes authorize URL → consent (auto-allowed) → loopback redirect → code exchange with the PKCE verifier', async () => {
    const r = await rig();
    const { tokens, authorizeUrl, callbackUrl } = await signIn(r);
    const url = new URL(authorizeUrl);
    expect(url.origin).toBe(r.fake.origin);
    expect(url.pathname).toBe('/o/oauth2/v2/auth');
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: CREDENTIALS.clientId,
      redirect_uri: REDIRECT_URI,
      code_challenge_method: 'S256',
      access_type: 'offline',
      prompt: 'consent',
      scope:
        'https://www.googleapis.com/auth/youtube.upload https://www.googleapis.com/auth/youtube.readonly',
    });
    expect(callbackUrl.startsWith(`${REDIRECT_URI}?`)).toBe(true);
    expect(tokens).toMatchObject({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      expiresAt: r.clock.now() + 3599_000,
    });
    expect(r.client.redirect).toEqual({ kind: 'loopback-any-port', path: '/oauth/youtube' });
  });

  it('is refused with a wrong PKCE verifier, a wrong client secret, or an unknown client', async () => {
    const r = await rig();
    const { codeChallenge, state } = await newSignIn();
    const attempt = async (verifier: string, secret = CREDENTIALS.clientSecret) => {
      const page = await fetch(
        r.client.authorizeUrl(CREDENTIALS, { redirectUri: REDIRECT_URI, state, codeChallenge }),
        { redirect: 'manual' },
      );
      return r.client.exchangeCode(
        { ...CREDENTIALS, clientSecret: secret },
        { url: page.headers.get('location')!, state, codeVerifier: verifier, redirectUri: REDIRECT_URI },
      );
    };
    const { codeVerifier: other } = await newSignIn();
    await expect(attempt(other)).rejects.toMatchObject({
      code: 'SIGN_IN_FAILED',
      message: expect.stringContaining('code_verifier does not match'),
    });
    await expect(attempt(other, 'GOCSPX-wrong')).rejects.toMatchObject({ code: 'SIGN_IN_FAILED' });
    const unknown = await fetch(
      r.client.authorizeUrl(
        { clientId: 'someone-else' },
        { redirectUri: REDIRECT_URI, state, codeChallenge },
      ),
      { redirect: 'manual' },
    );
    expect(unknown.status).toBe(401);
    await expect(
      r.client.exchangeCode(
        { clientId: CREDENTIALS.clientId },
        { url: REDIRECT_URI, state, codeVerifier: other, redirectUri: REDIRECT_URI },
      ),
    ).rejects.toMatchObject({ code: 'PLATFORM_NOT_CONFIGURED' });
    expect(() =>
      r.client.authorizeUrl({ clientId: '' }, { redirectUri: REDIRECT_URI, state, codeChallenge }),
    ).toThrow(expect.objectContaining({ code: 'PLATFORM_NOT_CONFIGURED' }));
  });

  it('says which permission is missing when the user unticks one on Google’s page', async () => {
    const r = await rig({ grantedScopes: ['https://www.googleapis.com/auth/youtube.readonly'] });
    await expect(signIn(r)).rejects.toMatchObject({
      code: 'SIGN_IN_FAILED',
      message: expect.stringContaining('youtube.upload'),
    });
  });

  it('refreshes with the same refresh token (Google does not rotate it) and keeps it; a revoked one needs a reconnect', async () => {
    const r = await rig();
    const { tokens } = await signIn(r);
    r.clock.advance(3600_000);
    const once = await r.client.refresh(CREDENTIALS, tokens);
    const twice = await r.client.refresh(CREDENTIALS, tokens);
    expect(once.refreshToken).toBe(tokens.refreshToken);
    expect(twice.refreshToken).toBe(tokens.refreshToken);
    expect(once.accessToken).not.toBe(tokens.accessToken);
    expect(once.expiresAt).toBe(r.clock.now() + 3599_000);
    expect(r.fake.oauth.refreshes).toBe(2);
    r.fake.revokeAccess();
    await expect(r.client.refresh(CREDENTIALS, tokens)).rejects.toMatchObject({
      code: 'ACCOUNT_RECONNECT_NEEDED',
    });
  });

  it('keeps a rotated refresh token where the server rotates them, and the reused old one is refused', async () => {
    const r = await rig({ rotateRefreshTokens: true });
    const { tokens } = await signIn(r);
    const rotated = await r.client.refresh(CREDENTIALS, tokens);
    expect(rotated.refreshToken).not.toBe(tokens.refreshToken);
    await expect(r.client.refresh(CREDENTIALS, tokens)).rejects.toMatchObject({
      code: 'ACCOUNT_RECONNECT_NEEDED',
    });
  });
});

describe('YouTube account and limits', () => {
  it('reads the channel: id, title, thumbnail', async () => {
    const r = await rig();
    const { tokens } = await signIn(r);
    await expect(r.client.account(tokens.accessToken, {})).resolves.toEqual({
      remoteId: 'UCfakeChannel0000000000',
      name: 'Kirinuki Test Channel',
      avatarUrl: 'https://yt3.example/avatar.jpg',
    });
  });

  it('says so when the Google account has no channel, and when the token is no longer accepted', async () => {
    const r = await rig({ channel: null });
    const { tokens } = await signIn(r);
    await expect(r.client.account(tokens.accessToken, {})).rejects.toMatchObject({
      code: 'PLATFORM_REJECTED',
      message: 'This Google account has no YouTube channel.',
    });
    r.clock.advance(3600_000);
    await expect(r.client.account(tokens.accessToken, {})).rejects.toMatchObject({
      code: 'ACCOUNT_RECONNECT_NEEDED',
    });
  });

  it('hands a 429 whose Retry-After is past 30 s back with when to try again, instead of sleeping on it', async () => {
    const r = await rig({ requestsPerMinute: 1 });
    const { tokens } = await signIn(r);
    await r.client.account(tokens.accessToken, {});
    const refused = await r.client.account(tokens.accessToken, {}).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'PLATFORM_RATE_LIMITED', retryAt: expect.any(Number) });
    expect((refused as { retryAt: number }).retryAt - r.clock.now()).toBeGreaterThanOrEqual(59_000);
    expect(r.clock.sleeps).toHaveLength(0);
  });

  it('offers public, unlisted and private, up to 180 s, with no readable quota', async () => {
    const r = await rig();
    await expect(r.client.limits('unused', {})).resolves.toEqual({
      privacy: [
        { choice: 'public', value: 'public' },
        { choice: 'unlisted', value: 'unlisted' },
        { choice: 'private', value: 'private' },
      ],
      maxDurationSec: 180,
      maxSizeBytes: 256 * 1024 * 1024 * 1024,
      quota: null,
    });
  });

  it('sends every request to the origin it is given, real paths kept', async () => {
    const r = await rig();
    const seen: string[] = [];
    const client = createYouTubeClient({
      origin: r.fake.origin,
      sleep: r.clock.sleep,
      now: r.clock.now,
      fetch: async (input, init) => {
        seen.push(String(input instanceof Request ? input.url : input));
        return fetch(input, init);
      },
    });
    const { tokens } = await signIn({ ...r, client });
    await client.account(tokens.accessToken, {});
    expect(seen.length).toBeGreaterThanOrEqual(2);
    for (const url of seen) expect(url.startsWith(r.fake.origin)).toBe(true);
    expect(seen.map((u) => new URL(u).pathname)).toEqual(['/token', '/youtube/v3/channels']);
  });
});
