import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BACKENDS,
  PASSWORD,
  backendAvailable,
  startTestServer,
  testEmail,
  type TestServer,
} from '../test-support/test-server.js';

describe.each(BACKENDS)('operations on %s', (backend) => {
  let server: TestServer;
  beforeAll(async () => {
    if (backendAvailable(backend)) server = await startTestServer(backend);
  });
  afterAll(async () => server?.stop());
  const it_ = backendAvailable(backend) ? it : it.skip;

  it_(
    '/health answers while alive; /ready once the database answers with every migration applied',
    async () => {
      expect((await server.request('GET', '/health')).body).toEqual({ status: 'ok' });
      expect((await server.request('GET', '/ready')).body).toEqual({ status: 'ready', database: backend });
      const applied = await sql<{ name: string; timestamp: string }>`select * from kysely_migration`.execute(
        server.store.db,
      );
      await sql`delete from kysely_migration`.execute(server.store.db);
      const missing = await server.request('GET', '/ready');
      expect([missing.status, missing.body.reason]).toEqual([
        503,
        'migrations not applied: 2026-12-08-001-accounts-and-teams, 2026-12-08-002-account-tokens',
      ]);
      for (const row of applied.rows) {
        await sql`insert into kysely_migration (name, timestamp) values (${row.name}, ${row.timestamp})`.execute(
          server.store.db,
        );
      }
      expect((await server.request('GET', '/ready')).status).toBe(200);
    },
  );

  it_(
    'keeps the desktop’s x-request-id (else makes one) in the answer and in every log line of the request',
    async () => {
      const sent = await server.request('GET', '/v1/me', { headers: { 'x-request-id': 'desk-42.abc' } });
      expect(sent.headers.get('x-request-id')).toBe('desk-42.abc');
      const lines = server.logs().filter((line) => line.reqId === 'desk-42.abc');
      expect(lines.map((line) => line.msg)).toEqual(['incoming request', 'request completed']);
      const hostile = await server.request('GET', '/health', {
        headers: { 'x-request-id': 'x'.repeat(500) },
      });
      expect(hostile.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    },
  );

  it_('/metrics: request latency by route template and tRPC procedure, in Prometheus text', async () => {
    const { body } = await server.request('POST', '/v1/auth/register', {
      body: { email: testEmail('m'), password: PASSWORD, teamName: 'M' },
    });
    await server.request('GET', '/trpc/teams.list', { token: body.accessToken });
    await server.request('GET', '/trpc/no.such.thing%2Cfoo');
    const metrics = await server.request('GET', '/metrics');
    expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = String(metrics.body);
    expect(text).toMatch(
      /kirinuki_http_request_duration_seconds_count\{method="POST",route="\/v1\/auth\/register",status_code="201"\} 1/,
    );
    expect(text).toMatch(
      /kirinuki_http_request_duration_seconds_count\{method="GET",route="\/trpc\/teams.list",status_code="200"\} 1/,
    );
    expect(text).toContain('route="/trpc/(unknown)"');
    expect(text).toContain('process_cpu_seconds_total');
    if (backend === 'postgres') expect(text).toMatch(/kirinuki_db_pool_connections [1-9]/);
  });

  it_('answers unknown routes with a coded 404', async () => {
    const answer = await server.request('GET', '/v1/nothing');
    expect([answer.status, answer.body.error.code]).toEqual([404, 'NOT_FOUND']);
  });
});

describe('graceful shutdown', () => {
  it('finishes the request under way, then refuses new ones and reports draining', async () => {
    const server = await startTestServer('sqlite');
    const slow = server.request('POST', '/v1/auth/register', {
      body: { email: testEmail('late'), password: PASSWORD, teamName: 'L' },
    });
    // Closes once the request is inside (argon2 keeps it there some tens of milliseconds).
    while (!server.logs().some((line) => line.msg === 'incoming request'))
      await new Promise((resolve) => setTimeout(resolve, 1));
    const closing = server.stop();
    expect((await slow).status).toBe(201);
    await closing;
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
  });
});
