import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_TOKEN_AUDIENCE, ACCESS_TOKEN_ISSUER, ACCESS_TOKEN_SECONDS } from './access-tokens.js';
import {
  BACKENDS,
  PASSWORD,
  backendAvailable,
  startTestServer,
  testEmail,
  type TestServer,
} from '../test-support/test-server.js';

describe.each(BACKENDS)('auth on %s', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    if (backendAvailable(backend)) server = await startTestServer(backend);
  });
  afterAll(async () => server?.stop());
  const it_ = backendAvailable(backend) ? it : it.skip;

  const register = (email = testEmail('owner'), password = PASSWORD) =>
    server.request('POST', '/v1/auth/register', { body: { email, password, teamName: 'Clips Inc' } });
  const login = (email: string, password = PASSWORD) =>
    server.request('POST', '/v1/auth/login', { body: { email, password } });

  it_('registers the first user of a team as its owner; the email only once', async () => {
    const email = testEmail('ana');
    const created = await register(email.toUpperCase());
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      user: { email },
      team: { name: 'Clips Inc', role: 'owner' },
      expiresIn: ACCESS_TOKEN_SECONDS,
    });
    expect(created.body.refreshToken).toMatch(/^[\w-]{43}$/);
    const me = await server.request('GET', '/v1/me', { token: created.body.accessToken });
    expect(me.body).toEqual({ user: created.body.user, teams: [created.body.team] });
    const again = await register(email);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('EMAIL_TAKEN');
    const short = await register(testEmail('short'), 'nine char');
    expect([short.status, short.body.error.code]).toEqual([400, 'WEAK_PASSWORD']);
  });

  it_('signs in with the right password only, and never says which half was wrong', async () => {
    const email = testEmail('bo');
    await register(email);
    const ok = await login(email);
    expect(ok.status).toBe(200);
    expect(ok.body.teams).toHaveLength(1);
    const wrong = await login(email, 'not the password');
    const unknown = await login(testEmail('nobody'));
    expect([wrong.status, wrong.body.error.code]).toEqual([401, 'INVALID_CREDENTIALS']);
    expect(unknown.body.error).toEqual(wrong.body.error);
  });

  it_('rotates the refresh token on every use; a rotated one used again ends the whole sign-in', async () => {
    const email = testEmail('cy');
    const first = (await register(email)).body;
    const otherLogin = (await login(email)).body;
    const second = await server.request('POST', '/v1/auth/refresh', {
      body: { refreshToken: first.refreshToken },
    });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    const third = await server.request('POST', '/v1/auth/refresh', {
      body: { refreshToken: second.body.refreshToken },
    });
    expect(third.status).toBe(200);

    const reuse = await server.request('POST', '/v1/auth/refresh', {
      body: { refreshToken: first.refreshToken },
    });
    expect([reuse.status, reuse.body.error.code]).toEqual([401, 'REFRESH_TOKEN_REUSED']);
    // Every token of that sign-in is dead: the newest refresh token and its access tokens.
    const latest = await server.request('POST', '/v1/auth/refresh', {
      body: { refreshToken: third.body.refreshToken },
    });
    expect([latest.status, latest.body.error.code]).toEqual([401, 'SESSION_REVOKED']);
    for (const token of [first.accessToken, third.body.accessToken]) {
      expect((await server.request('GET', '/v1/me', { token })).body.error.code).toBe('SESSION_REVOKED');
    }
    // Another sign-in of the same person is not touched.
    expect((await server.request('GET', '/v1/me', { token: otherLogin.accessToken })).status).toBe(200);
    const forged = await server.request('POST', '/v1/auth/refresh', {
      body: { refreshToken: 'A'.repeat(43) },
    });
    expect(forged.body.error.code).toBe('INVALID_REFRESH_TOKEN');
  });

  it_('two refreshes racing with one token: one wins, the other is reuse', async () => {
    const { refreshToken } = (await register()).body;
    const answers = await Promise.all(
      [0, 1].map(() => server.request('POST', '/v1/auth/refresh', { body: { refreshToken } })),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 401]);
  });

  it_('logout and a password change revoke', async () => {
    const email = testEmail('di');
    const a = (await register(email)).body;
    const b = (await login(email)).body;
    expect((await server.request('POST', '/v1/auth/logout', { token: a.accessToken })).status).toBe(204);
    expect((await server.request('GET', '/v1/me', { token: a.accessToken })).status).toBe(401);
    expect(
      (await server.request('POST', '/v1/auth/refresh', { body: { refreshToken: a.refreshToken } })).status,
    ).toBe(401);
    expect((await server.request('GET', '/v1/me', { token: b.accessToken })).status).toBe(200);

    const changed = await server.request('POST', '/v1/auth/password', {
      token: b.accessToken,
      body: { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' },
    });
    expect(changed.status).toBe(200);
    expect((await server.request('GET', '/v1/me', { token: b.accessToken })).status).toBe(401);
    expect((await server.request('GET', '/v1/me', { token: changed.body.accessToken })).status).toBe(200);
    expect((await login(email)).status).toBe(401);
    expect((await login(email, 'a brand new passphrase')).status).toBe(200);
  });

  it_('refuses expired, forged and other-audience access tokens', async () => {
    const { accessToken, user } = (await register()).body;
    const signed = (key: Uint8Array, audience = ACCESS_TOKEN_AUDIENCE, issuer = ACCESS_TOKEN_ISSUER) =>
      new SignJWT({ sid: 'x' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(user.id)
        .setIssuer(issuer)
        .setAudience(audience)
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(key);
    const tampered = accessToken.slice(0, -2) + (accessToken.endsWith('AA') ? 'BB' : 'AA');
    const none = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${accessToken.split('.')[1]}.`;
    for (const token of [tampered, none, await signed(new Uint8Array(32).fill(7)), 'not-a-jwt']) {
      const answer = await server.request('GET', '/v1/me', { token });
      expect([answer.status, answer.body.error.code]).toEqual([401, 'UNAUTHENTICATED']);
    }
    expect((await server.request('GET', '/v1/me')).body.error.code).toBe('UNAUTHENTICATED');
    server.clock.now += (ACCESS_TOKEN_SECONDS + 1) * 1000;
    try {
      const late = await server.request('GET', '/v1/me', { token: accessToken });
      expect([late.status, late.body.error.message]).toEqual([401, 'The access token has expired.']);
    } finally {
      server.clock.now = Date.now();
    }
  });

  it_('answers bad bodies with coded 4xx and writes nothing', async () => {
    const cases: Array<[string, number]> = [];
    const email = testEmail('bad');
    const post = (raw: string, headers?: Record<string, string>) =>
      server.request('POST', '/v1/auth/register', { raw, ...(headers ? { headers } : {}) });
    for (const [raw, status] of [
      ['{"email":', 400],
      ['[]', 400],
      [JSON.stringify({ email, password: 12345678901, teamName: 'x' }), 400],
      [JSON.stringify({ email: "x' OR 1=1 --", password: PASSWORD, teamName: 'x' }), 400],
      [JSON.stringify({ email, password: PASSWORD, teamName: 'x', role: 'owner' }), 400],
      [JSON.stringify({ email, password: PASSWORD, teamName: 'x'.repeat(20_000) }), 413],
    ] as const) {
      const answer = await post(raw);
      cases.push([raw.slice(0, 20), answer.status]);
      expect(answer.status, raw.slice(0, 40)).toBe(status);
      expect(answer.body.error.code).toMatch(/^(INVALID_REQUEST|PAYLOAD_TOO_LARGE)$/);
    }
    expect((await login(email)).body.error.code).toBe('INVALID_CREDENTIALS');
    // A team name full of SQL is only a name.
    const sqlName = "'); drop table users; --";
    const made = await server.request('POST', '/v1/auth/register', {
      body: { email, password: PASSWORD, teamName: sqlName },
    });
    expect(made.body.team.name).toBe(sqlName);
    expect((await login(email)).status).toBe(200);
  });

  it_('holds an account after 10 failed sign-ins in 15 minutes, even with the right password', async () => {
    const email = testEmail('locked');
    await register(email);
    const started = server.clock.now;
    try {
      for (let i = 0; i < 10; i += 1) expect((await login(email, `wrong ${i}`)).status).toBe(401);
      const held = await login(email);
      expect([held.status, held.body.error.code]).toEqual([429, 'TOO_MANY_ATTEMPTS']);
      expect(Number(held.headers.get('retry-after'))).toBeGreaterThan(0);
      server.clock.now = started + 15 * 60_000 + 1000;
      expect((await login(email)).status).toBe(200);
    } finally {
      server.clock.now = Date.now();
    }
  });
});

describe('auth rate limit', () => {
  it('takes 30 auth requests per address per minute over all auth routes together, then 429 + Retry-After', async () => {
    const server = await startTestServer('sqlite', { authRateLimit: { max: 30, timeWindow: 60_000 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 31; i += 1) {
        const route = ['/v1/auth/login', '/v1/auth/refresh', '/v1/auth/register'][i % 3]!;
        const body = route.endsWith('refresh')
          ? { refreshToken: 'x' }
          : { email: testEmail('rl'), password: 'x' };
        statuses.push((await server.request('POST', route, { body })).status);
      }
      expect(statuses.slice(0, 30)).not.toContain(429);
      const last = await server.request('GET', '/v1/me');
      expect([statuses[30], last.status, last.body.error.code]).toEqual([429, 429, 'TOO_MANY_ATTEMPTS']);
      expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await server.stop();
    }
  });
});
