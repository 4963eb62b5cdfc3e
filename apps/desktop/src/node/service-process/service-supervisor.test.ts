import { spawn } from 'node:child_process';
import { isPidAlive } from './pid-alive.js';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { findUserFacingCause, isUserFacingError } from '@kirinuki/contracts';
import { createLogger, logFileFor } from '../logging/create-logger.js';
import { launchNodeService } from './node-service-launcher.js';
import { createServiceSupervisor, type ServiceSpec, type ServiceSupervisor } from './service-supervisor.js';
import type { TestServiceRouter } from './test-support/test-service.entry.js';
import { findServiceKilled } from './service-killed-error.js';

const entry = fileURLToPath(new URL('./test-support/test-service.entry.ts', import.meta.url));
const logDir = mkdtempSync(path.join(tmpdir(), 'kirinuki-supervisor-'));
afterAll(() => rmSync(logDir, { recursive: true, force: true }));

const supervisors: ServiceSupervisor[] = [];
afterEach(async () => {
  await Promise.all(supervisors.splice(0).map((s) => s.shutdown()));
});

function supervise(
  spec: Partial<ServiceSpec> = {},
  options: Partial<Parameters<typeof createServiceSupervisor>[0]> = {},
) {
  const supervisor = createServiceSupervisor({
    services: [{ name: 'test', entry, ...spec }],
    launcher: launchNodeService,
    logger: createLogger({ logDir, consoleLevel: 'silent', pretty: false, correlationId: 'supervisor-test' }),
    stopTimeoutMs: 10_000,
    ...options,
  });
  supervisors.push(supervisor);
  return supervisor;
}

async function waitFor<T>(what: string, probe: () => T | undefined | false, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const isAlive = (pid: number) => isPidAlive(pid);

describe('service supervisor with real child processes', { timeout: 60_000 }, () => {
  it('starts lazily and carries queries, mutations and subscriptions with correlation ids', async () => {
    const supervisor = supervise();
    expect(supervisor.status('test').state).toBe('idle');
    const client = supervisor.client<TestServiceRouter>('test');
    const echoed = await client.echo.query({ text: 'hi' }, { context: { correlationId: 'job-42' } });
    expect(echoed).toMatchObject({ text: 'hi', correlationId: 'job-42' });
    expect(echoed.pid).not.toBe(process.pid);
    expect(supervisor.status('test')).toMatchObject({ state: 'running', pid: echoed.pid, crashes: 0 });
    expect(await client.add.mutate({ a: 2, b: 3 })).toBe(5);

    const seen: number[] = [];
    await new Promise<void>((resolve, reject) => {
      client.count.subscribe(
        { to: 3, delayMs: 10 },
        { onData: (n) => seen.push(n), onComplete: () => resolve(), onError: reject },
      );
    });
    expect(seen).toEqual([1, 2, 3]);

    // The service's log line is filed in the host's log with the service name and the call's id.
    const lines = await waitFor('the forwarded log line', () =>
      readFileSync(logFileFor(logDir), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>)
        .filter((l) => l.msg === 'echo called'),
    );
    expect(lines.at(-1)).toMatchObject({ service: 'test', correlationId: 'job-42', text: 'hi' });
  });

  it('returns a UserFacingError thrown in the service as the cause, and stops calls on abort', async () => {
    const supervisor = supervise();
    const client = supervisor.client<TestServiceRouter>('test');
    const error = await client.fail.mutate().catch((e: unknown) => e);
    const cause = findUserFacingCause(error);
    expect(cause?.code).toBe('EMPTY_FILE');
    expect(cause?.message).toBe('clip.mp4 is 0 bytes');

    const marker = path.join(logDir, `aborted-${Date.now()}`);
    const controller = new AbortController();
    const call = client.waitForAbort.mutate({ marker }, { signal: controller.signal });
    await waitFor('the service to be running', () => supervisor.status('test').state === 'running');
    setTimeout(() => controller.abort(), 200);
    await expect(call).rejects.toThrow(/cancelled|abort/i);
    await waitFor('the service to see the abort', () => existsSync(marker));
  });

  it('restarts a crashed service with backoff and reports why it went down', async () => {
    const supervisor = supervise({}, { crashPolicy: { baseDelayMs: 100 } });
    const client = supervisor.client<TestServiceRouter>('test');
    const first = await client.echo.query({ text: 'a' });
    await expect(client.crash.mutate()).rejects.toThrow(/exited with code 3/);
    expect(supervisor.status('test').reason).toMatch(/exited with code 3 \(Error: boom\)/);
    const second = await client.echo.query({ text: 'b' });
    expect(second.pid).not.toBe(first.pid);
    expect(isAlive(first.pid)).toBe(false);
    expect(supervisor.status('test')).toMatchObject({ state: 'running', crashes: 1 });
  });

  it('tells a kill from outside (an interruption) from a crash or a hang the service caused', async () => {
    const supervisor = supervise({}, { crashPolicy: { baseDelayMs: 50 } });
    const client = supervisor.client<TestServiceRouter>('test');
    const first = await client.echo.query({ text: 'a' });
    const marker = path.join(logDir, 'killed-marker');
    const call = client.waitForAbort.mutate({ marker }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 200));
    process.kill(first.pid, 'SIGKILL');
    const killed = await call;
    expect(findServiceKilled(killed)).toMatchObject({ service: 'test', signal: 'SIGKILL' });
    expect((killed as Error).message).toMatch(/was killed by SIGKILL/);
    const crashed = await client.crash.mutate().catch((e: unknown) => e);
    expect(findServiceKilled(crashed)).toBeUndefined();
  });

  it('answers callers waiting for a restart when it shuts down during the backoff', async () => {
    const supervisor = supervise({}, { crashPolicy: { baseDelayMs: 120_000 } });
    const client = supervisor.client<TestServiceRouter>('test');
    await client.echo.query({ text: 'a' });
    await expect(client.crash.mutate()).rejects.toThrow(/exited with code 3/);
    expect(supervisor.status('test').state).toBe('backoff');
    const waiting = client.echo.query({ text: 'b' });
    await supervisor.shutdown();
    await expect(waiting).rejects.toThrow(/exited with code 3/);
    expect(supervisor.status('test').state).toBe('stopped');
  });

  it('opens the circuit after 3 crashes in 60 s, with the reason for the user, until reset', async () => {
    const supervisor = supervise({ env: { TEST_CRASH_ON_START: '1' } }, { crashPolicy: { baseDelayMs: 50 } });
    const states: string[] = [];
    supervisor.onStatus((s) => states.push(s.state));
    await supervisor.connect('test').catch(() => undefined);
    await waitFor('the circuit to open', () => supervisor.status('test').state === 'circuit-open');
    const status = supervisor.status('test');
    expect(status.crashes).toBe(3);
    expect(status.reason).toMatch(/crashed 3 times in 60 s; the last time it exited with code 5/);
    expect(status.reason).toContain('cannot load the model');
    expect(states.filter((s) => s === 'backoff')).toHaveLength(2);

    const refused = await supervisor
      .client<TestServiceRouter>('test')
      .echo.query({ text: 'x' })
      .catch((e: unknown) => e);
    const cause = findUserFacingCause(refused);
    expect(isUserFacingError(cause)).toBe(true);
    expect(cause?.message).toBe(status.reason);

    supervisor.resetCircuit('test');
    expect(supervisor.status('test').state).toBe('idle');
  });

  it('kills a service that stops answering pings and starts a new one', async () => {
    const supervisor = supervise(
      {},
      { pingIntervalMs: 200, pingTimeoutMs: 1_500, crashPolicy: { baseDelayMs: 50 } },
    );
    const client = supervisor.client<TestServiceRouter>('test');
    const first = await client.echo.query({ text: 'a' });
    const hung = await client.hang.mutate().catch((e: unknown) => e);
    expect((hung as Error).message).toMatch(/did not answer a health ping within 1500 ms/);
    // The supervisor's own SIGKILL for a hang counts against the job, unlike a kill from outside.
    expect(findServiceKilled(hung)).toBeUndefined();
    expect(supervisor.status('test').reason).toMatch(/health ping/);
    expect(isAlive(first.pid)).toBe(false);
    const second = await client.echo.query({ text: 'b' });
    expect(second.pid).not.toBe(first.pid);
  });

  it('kills a service that does not exit in time on shutdown, and lets a prompt one exit', async () => {
    const logger = createLogger({
      logDir,
      consoleLevel: 'silent',
      pretty: false,
      correlationId: 'shutdown-test',
    });
    const supervisor = createServiceSupervisor({
      services: [
        { name: 'slow', entry, env: { TEST_SHUTDOWN_DELAY_MS: '120000' } },
        { name: 'prompt', entry },
      ],
      launcher: launchNodeService,
      logger,
      stopTimeoutMs: 1_500,
    });
    const slow = await supervisor.client<TestServiceRouter>('slow').echo.query({ text: 's' });
    const prompt = await supervisor.client<TestServiceRouter>('prompt').echo.query({ text: 'p' });
    const result = await supervisor.shutdown();
    expect(result).toEqual([
      { name: 'slow', killed: true },
      { name: 'prompt', killed: false },
    ]);
    expect(isAlive(slow.pid)).toBe(false);
    expect(isAlive(prompt.pid)).toBe(false);
    expect(supervisor.statuses().map((s) => s.state)).toEqual(['stopped', 'stopped']);
    await expect(supervisor.connect('prompt')).rejects.toThrow(/shutting down/);
  });

  it('leaves no orphan when the host is killed', async () => {
    const require = createRequire(import.meta.url);
    const hostEntry = fileURLToPath(new URL('./test-support/orphan-host.entry.ts', import.meta.url));
    const host = spawn(
      process.execPath,
      ['--import', pathToFileURL(require.resolve('tsx')).href, hostEntry],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    host.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    const servicePid = await waitFor('the host to start its service', () => {
      const line = out.split('\n').find((l) => l.startsWith('{'));
      return line ? (JSON.parse(line) as { servicePid: number }).servicePid : undefined;
    });
    expect(isAlive(servicePid)).toBe(true);
    host.kill('SIGKILL');
    await waitFor('the service to exit with its host', () => !isAlive(servicePid));
  });
});
