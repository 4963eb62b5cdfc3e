import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { initTRPC } from '@trpc/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { createLogger } from '../../node/logging/create-logger.js';
import { messagePortMainPort } from '../../node/service-process/message-port-main-port.js';
import { serveService, type ServiceContext } from '../../node/service-process/run-service.js';
import { createServiceSupervisor } from '../../node/service-process/service-supervisor.js';

/** In-memory stand-ins with the shape of Electron's MessagePortMain and UtilityProcess. */
class FakeMessagePortMain extends EventEmitter {
  peer: FakeMessagePortMain | null = null;
  private started = false;
  private queue: unknown[] = [];
  private closed = false;
  postMessage(message: unknown) {
    const peer = this.peer;
    if (this.closed || !peer) return;
    const copy = structuredClone(message);
    setImmediate(() => peer.deliver(copy));
  }
  deliver(data: unknown) {
    if (this.closed) return;
    if (this.started) this.emit('message', { data, ports: [] });
    else this.queue.push(data);
  }
  start() {
    this.started = true;
    for (const data of this.queue.splice(0)) this.emit('message', { data, ports: [] });
  }
  close() {
    if (this.closed) return;
    this.closed = true;
    this.emit('close');
    this.peer?.close();
  }
}

class FakeUtilityProcess extends EventEmitter {
  pid: number | undefined = undefined;
  stdout = new PassThrough();
  stderr = new PassThrough();
  received: Array<{ message: unknown; ports: FakeMessagePortMain[] }> = [];
  kill = vi.fn(() => {
    setImmediate(() => this.emit('exit', 0));
    return true;
  });
  postMessage(message: unknown, ports: FakeMessagePortMain[] = []) {
    this.received.push({ message, ports });
  }
}

const forks: Array<{
  entry: string;
  args: string[];
  options: Record<string, unknown>;
  child: FakeUtilityProcess;
}> = [];

vi.mock('electron', () => ({
  MessageChannelMain: class {
    port1 = new FakeMessagePortMain();
    port2 = new FakeMessagePortMain();
    constructor() {
      this.port1.peer = this.port2;
      this.port2.peer = this.port1;
    }
  },
  utilityProcess: {
    fork: (entry: string, args: string[], options: Record<string, unknown>) => {
      const child = new FakeUtilityProcess();
      forks.push({ entry, args, options, child });
      setImmediate(() => {
        child.pid = 40_000 + forks.length;
        child.emit('spawn');
      });
      return child;
    },
  },
}));

const { launchElectronService } = await import('./electron-service-launcher.js');

const t = initTRPC.context<ServiceContext>().create();
const router = t.router({
  double: t.procedure
    .input(z.number())
    .query(({ input, ctx }) => ({ value: input * 2, id: ctx.correlationId })),
});
const logger = createLogger({
  logDir: null,
  consoleLevel: 'silent',
  pretty: false,
  correlationId: 'electron-test',
});

/** Plays the service side in-process: what `runService` does in a real utility process. */
function serveInFakeChild(child: FakeUtilityProcess, onExit: () => void = () => undefined) {
  const port = child.received[0]?.ports[0];
  if (!port) throw new Error('the launcher sent no port');
  serveService(messagePortMainPort(port), { name: 'fake', router }, { logger, exit: onExit });
}

afterEach(() => {
  forks.splice(0);
  vi.restoreAllMocks();
});

describe('launchElectronService', () => {
  it('forks a utility process, hands it a MessagePortMain and carries tRPC over it', async () => {
    const supervisor = createServiceSupervisor({
      services: [{ name: 'vision', entry: '/app/vision.entry.js', args: ['--x'], env: { A: '1' } }],
      launcher: (entry, options) => {
        const service = launchElectronService(entry, options);
        const fork = forks.at(-1);
        if (fork) serveInFakeChild(fork.child, () => fork.child.emit('exit', 0));
        return service;
      },
      logger,
    });
    const client = supervisor.client<typeof router>('vision');
    expect(await client.double.query(21, { context: { correlationId: 'job-1' } })).toEqual({
      value: 42,
      id: 'job-1',
    });

    expect(forks).toHaveLength(1);
    const fork = forks[0]!;
    expect(fork.entry).toBe('/app/vision.entry.js');
    expect(fork.args).toEqual(['--x']);
    expect(fork.options).toMatchObject({ stdio: 'pipe', serviceName: 'Kirinuki vision' });
    expect(fork.options.env).toMatchObject({ A: '1', KIRINUKI_SERVICE_NAME: 'vision' });
    expect(fork.child.received[0]?.message).toEqual({ kind: 'connect' });
    expect(fork.child.received[0]?.ports).toHaveLength(1);
    expect(supervisor.status('vision')).toMatchObject({ state: 'running', pid: 40_001 });

    expect(await supervisor.shutdown()).toEqual([{ name: 'vision', killed: false }]);
  });

  it('reports exit codes, forwards output lines and kills by pid for SIGKILL', async () => {
    const service = launchElectronService('/app/asr.entry.js', { name: 'asr' });
    const { child } = forks[0]!;
    const lines: string[] = [];
    service.onOutput((line, stream) => lines.push(`${stream}:${line}`));
    child.stderr.write('Error: boom\n');
    child.stdout.write('{"level":30}\n');
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    expect(lines).toEqual(['stderr:Error: boom', 'stdout:{"level":30}']);

    const kill = vi.spyOn(process, 'kill').mockImplementation(() => true);
    const exited = new Promise((resolve) => service.onExit(resolve));
    const closed = new Promise<void>((resolve) => service.port.onClose(resolve));
    service.kill('SIGKILL');
    expect(kill).toHaveBeenCalledWith(40_001, 'SIGKILL');
    child.emit('exit', 9);
    expect(await exited).toEqual({ code: null, signal: 'SIGKILL' });
    await closed;

    const other = launchElectronService('/app/asr.entry.js', { name: 'asr' });
    const otherExit = new Promise((resolve) => other.onExit(resolve));
    forks[1]!.child.emit('exit', 3);
    expect(await otherExit).toEqual({ code: 3, signal: null });
    other.kill('SIGTERM');
    expect(forks[1]!.child.kill).not.toHaveBeenCalled();
  });
});
