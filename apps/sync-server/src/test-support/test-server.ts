import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pg from 'pg';
import pino from 'pino';
import { startSyncServer, type RunningSyncServer } from '../start-sync-server.js';

/** The backends every route is tested on: SQLite always, Postgres where the test server runs. */
export const BACKENDS = ['sqlite', 'postgres'] as const;
export type Backend = (typeof BACKENDS)[number];

const POSTGRES_URL = process.env.KIRINUKI_TEST_POSTGRES_URL;
if (!POSTGRES_URL && process.env.CI) {
  throw new Error(
    'CI must start Postgres (scripts/test-postgres.sh start) and set KIRINUKI_TEST_POSTGRES_URL',
  );
}
/** Postgres tests are skipped on a machine without the test server (`scripts/test-postgres.sh start`). */
export const backendAvailable = (backend: Backend): boolean => backend === 'sqlite' || Boolean(POSTGRES_URL);

export interface TestServer extends RunningSyncServer {
  /** The server's clock: tests move it on. */
  clock: { now: number };
  logs: () => Array<Record<string, unknown>>;
  request(
    method: string,
    route: string,
    options?: { body?: unknown; token?: string; headers?: Record<string, string>; raw?: string },
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read answers of every shape
  ): Promise<{ status: number; body: any; headers: Headers }>;
  stop(): Promise<void>;
}

/** A server on a fresh database of the backend (a new Postgres database per server), port 0. */
export async function startTestServer(
  backend: Backend,
  options: { authRateLimit?: { max: number; timeWindow: number } } = {},
): Promise<TestServer> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'kirinuki-sync-'));
  let databaseUrl: string | undefined;
  let dropDatabase = async () => {};
  if (backend === 'postgres') {
    const name = `kirinuki_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const url = new URL(POSTGRES_URL!);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDatabase = async () => {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    };
  }
  const lines: string[] = [];
  const logger = pino(
    { level: 'info' },
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    }),
  );
  const clock = { now: Date.now() };
  const server = await startSyncServer(
    { host: '127.0.0.1', port: 0, dataDir, databaseUrl, publicUrl: undefined },
    {},
    {
      logger,
      now: () => clock.now,
      authRateLimit: options.authRateLimit ?? { max: 100_000, timeWindow: 60_000 },
    },
  );
  return {
    ...server,
    clock,
    logs: () =>
      lines
        .join('')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
    async request(method, route, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      if (options.body !== undefined || options.raw !== undefined)
        headers['content-type'] ??= 'application/json';
      const response = await fetch(server.url + route, {
        method,
        headers,
        ...(options.raw !== undefined
          ? { body: options.raw }
          : options.body !== undefined
            ? { body: JSON.stringify(options.body) }
            : {}),
      });
      const text = await response.text();
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON (metrics): kept as text
      }
      return { status: response.status, body, headers: response.headers };
    },
    async stop() {
      await server.close();
      await dropDatabase();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let counter = 0;
/** A unique email for a test's user. */
export const testEmail = (who: string) => `${who}.${process.pid}.${(counter += 1)}@example.test`;
export const PASSWORD = 'correct horse battery';
