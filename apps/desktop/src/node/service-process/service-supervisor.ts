import { createTRPCClient, type TRPCClient } from '@trpc/client';
import type { AnyTRPCRouter } from '@trpc/server';
import type { Logger } from '../logging/create-logger.js';
import { decideAfterCrash, DEFAULT_CRASH_POLICY, type CrashPolicy } from './crash-policy.js';
import { createServiceConnection, type ServiceConnection } from './service-connection.js';
import { parseServiceLogLine } from './service-log-line.js';
import type { ExitInfo, ServiceLauncher, ServiceProcess } from './service-port.js';
import { servicePortLink } from './service-port-link.js';
import { serviceUnavailableError } from './service-unavailable-error.js';
import { isOutsideKill, ServiceKilledError } from './service-killed-error.js';

export interface ServiceSpec {
  name: string;
  /** The entry file (`.ts` runs through tsx, `.js` as is). */
  entry: string;
  args?: readonly string[];
  env?: Record<string, string | undefined>;
}

export type ServiceState =
  'idle' | 'starting' | 'running' | 'backoff' | 'circuit-open' | 'stopping' | 'stopped';

export interface ServiceStatus {
  name: string;
  state: ServiceState;
  pid: number | undefined;
  /** Crashes since the supervisor started (or the circuit was last reset). */
  crashes: number;
  /** Why the last process ended or why the circuit is open, in words for the user. */
  reason: string | null;
}

export interface SupervisorOptions {
  services: readonly ServiceSpec[];
  launcher: ServiceLauncher;
  logger: Logger;
  pingIntervalMs?: number;
  pingTimeoutMs?: number;
  /** Time a new process has to say it is ready. */
  startTimeoutMs?: number;
  /** Time a service has to exit after a shutdown request before it is killed. */
  stopTimeoutMs?: number;
  crashPolicy?: Partial<CrashPolicy>;
}

export interface ServiceSupervisor {
  /** The connection to a running process of the service, starting it when needed. */
  connect(name: string): Promise<ServiceConnection>;
  /** A typed tRPC client whose calls start the service lazily and follow restarts. */
  client<TRouter extends AnyTRPCRouter>(name: string): TRPCClient<TRouter>;
  status(name: string): ServiceStatus;
  statuses(): ServiceStatus[];
  onStatus(listener: (status: ServiceStatus) => void): () => void;
  /** Closes an open circuit so the next call starts the service again. */
  resetCircuit(name: string): void;
  /** Asks every service to stop, kills those that do not within the stop timeout. */
  shutdown(): Promise<Array<{ name: string; killed: boolean }>>;
}

interface Slot {
  spec: ServiceSpec;
  state: ServiceState;
  process: ServiceProcess | null;
  connection: ServiceConnection | null;
  pending: Promise<ServiceConnection> | null;
  crashTimes: number[];
  crashes: number;
  reason: string | null;
  /** Set when the supervisor itself kills the process (ping timeout, start timeout). */
  killReason: string | null;
  lastErrorLine: string | null;
  /** Pending timers and what to run if they are cut short by a shutdown. */
  timers: Map<NodeJS.Timeout, () => void>;
  exited: Promise<void>;
}

const sleep = (ms: number, slot: Slot) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      slot.timers.delete(timer);
      resolve();
    }, ms);
    slot.timers.set(timer, resolve);
  });

function describeExit(exit: ExitInfo): string {
  return exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
}

/**
 * Starts services lazily, pings them, restarts a crashed one with exponential backoff and opens
 * a circuit after repeated crashes. Service logs are filed under the service's name with the
 * correlation id of the call that produced them.
 */
export function createServiceSupervisor(options: SupervisorOptions): ServiceSupervisor {
  const pingIntervalMs = options.pingIntervalMs ?? 10_000;
  const pingTimeoutMs = options.pingTimeoutMs ?? 10_000;
  const startTimeoutMs = options.startTimeoutMs ?? 30_000;
  const stopTimeoutMs = options.stopTimeoutMs ?? 5_000;
  const policy: CrashPolicy = { ...DEFAULT_CRASH_POLICY, ...options.crashPolicy };
  const statusListeners = new Set<(status: ServiceStatus) => void>();
  let shuttingDown = false;

  const slots = new Map<string, Slot>();
  for (const spec of options.services) {
    if (slots.has(spec.name)) throw new Error(`service ${spec.name} is registered twice`);
    slots.set(spec.name, {
      spec,
      state: 'idle',
      process: null,
      connection: null,
      pending: null,
      crashTimes: [],
      crashes: 0,
      reason: null,
      killReason: null,
      lastErrorLine: null,
      timers: new Map(),
      exited: Promise.resolve(),
    });
  }
  const slotOf = (name: string): Slot => {
    const slot = slots.get(name);
    if (!slot) throw new Error(`unknown service ${name}`);
    return slot;
  };
  const statusOf = (slot: Slot): ServiceStatus => ({
    name: slot.spec.name,
    state: slot.state,
    pid: slot.process?.pid,
    crashes: slot.crashes,
    reason: slot.reason,
  });
  const setState = (slot: Slot, state: ServiceState) => {
    slot.state = state;
    const status = statusOf(slot);
    for (const listener of statusListeners) listener(status);
  };

  const forwardOutput = (slot: Slot, child: ServiceProcess) => {
    const logger = options.logger.child({ service: slot.spec.name, servicePid: child.pid });
    child.onOutput((line, stream) => {
      const parsed = parseServiceLogLine(line);
      if (parsed) {
        const target = parsed.correlationId ? logger.child({ correlationId: parsed.correlationId }) : logger;
        target[parsed.level](parsed.fields, parsed.msg);
        if (parsed.level === 'error' || parsed.level === 'fatal') slot.lastErrorLine = parsed.msg;
        return;
      }
      if (line.trim()) {
        logger.warn({ stream }, line);
        if (stream === 'stderr' && /error/i.test(line)) slot.lastErrorLine = line.trim();
      }
    });
  };

  const watchHealth = async (slot: Slot, child: ServiceProcess, connection: ServiceConnection) => {
    while (slot.process === child && slot.state === 'running') {
      await sleep(pingIntervalMs, slot);
      if (slot.process !== child || slot.state !== 'running') return;
      try {
        await connection.ping(pingTimeoutMs);
      } catch (error) {
        if (slot.process !== child || slot.state !== 'running') return;
        slot.killReason = (error as Error).message;
        options.logger.warn(
          { service: slot.spec.name, pid: child.pid },
          `service ${slot.killReason}; killing it`,
        );
        child.kill('SIGKILL');
        return;
      }
    }
  };

  const onExit = (slot: Slot, child: ServiceProcess, exit: ExitInfo) => {
    if (slot.process !== child) return;
    const why = slot.killReason ?? describeExit(exit);
    const detail = slot.lastErrorLine && !slot.killReason ? ` (${slot.lastErrorLine})` : '';
    slot.connection?.fail(
      !slot.killReason && isOutsideKill(exit.signal)
        ? new ServiceKilledError(slot.spec.name, exit.signal)
        : new Error(`the ${slot.spec.name} service ${why}${detail}`),
    );
    slot.process = null;
    slot.connection = null;
    slot.killReason = null;
    slot.lastErrorLine = null;
    if (slot.state === 'stopping' || shuttingDown) {
      setState(slot, 'stopped');
      return;
    }
    const now = Date.now();
    slot.crashes += 1;
    slot.crashTimes = [...slot.crashTimes.filter((t) => now - t < policy.windowMs), now];
    const decision = decideAfterCrash(slot.crashTimes, now, policy);
    const log = options.logger.child({ service: slot.spec.name });
    if (decision.action === 'open-circuit') {
      slot.reason = `The ${slot.spec.name} service crashed ${decision.crashes} times in ${Math.round(policy.windowMs / 1000)} s; the last time it ${why}${detail}.`;
      slot.pending = null;
      log.error({ exit }, slot.reason);
      setState(slot, 'circuit-open');
      return;
    }
    slot.reason = `The ${slot.spec.name} service ${why}${detail}.`;
    log.warn({ exit, restartInMs: decision.delayMs }, `${slot.reason} Restarting in ${decision.delayMs} ms.`);
    setState(slot, 'backoff');
    const restart = sleep(decision.delayMs, slot).then(() => {
      if (slot.state !== 'backoff') throw serviceUnavailableError(slot.spec.name, slot.reason ?? 'stopped');
      return start(slot);
    });
    restart.catch(() => undefined);
    slot.pending = restart;
  };

  const start = (slot: Slot): Promise<ServiceConnection> => {
    setState(slot, 'starting');
    const child = options.launcher(slot.spec.entry, {
      name: slot.spec.name,
      ...(slot.spec.args ? { args: slot.spec.args } : {}),
      ...(slot.spec.env ? { env: slot.spec.env } : {}),
    });
    slot.process = child;
    slot.exited = new Promise((resolve) => child.onExit(() => resolve()));
    // Calls fail from onExit, with the exit status; a process that closes its channel but
    // lingers is killed so that happens.
    const connection = createServiceConnection(child.port, null);
    child.port.onClose(() => {
      const timer = setTimeout(() => {
        slot.timers.delete(timer);
        if (slot.process !== child) return;
        slot.killReason = 'closed its channel';
        child.kill('SIGKILL');
      }, 2_000);
      slot.timers.set(timer, () => undefined);
    });
    slot.connection = connection;
    forwardOutput(slot, child);
    child.onExit((exit) => onExit(slot, child, exit));
    options.logger.debug({ service: slot.spec.name, pid: child.pid }, 'service starting');
    const started = new Promise<ServiceConnection>((resolve, reject) => {
      const timer = setTimeout(() => {
        slot.timers.delete(timer);
        slot.killReason = `did not start within ${startTimeoutMs} ms`;
        child.kill('SIGKILL');
      }, startTimeoutMs);
      slot.timers.set(timer, () => undefined);
      connection.ready.then(
        () => {
          clearTimeout(timer);
          slot.timers.delete(timer);
          if (slot.process !== child || slot.state !== 'starting') {
            reject(serviceUnavailableError(slot.spec.name, slot.reason ?? 'stopped while starting'));
            return;
          }
          slot.pending = null;
          setState(slot, 'running');
          void watchHealth(slot, child, connection);
          resolve(connection);
        },
        (error: unknown) => {
          clearTimeout(timer);
          slot.timers.delete(timer);
          // A process that dies while starting is restarted by onExit; this call fails (transient).
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      );
    });
    started.catch(() => undefined);
    slot.pending = started;
    return started;
  };

  const connect = async (name: string): Promise<ServiceConnection> => {
    const slot = slotOf(name);
    if (shuttingDown) throw serviceUnavailableError(name, 'Kirinuki is shutting down.');
    if (slot.state === 'circuit-open') throw serviceUnavailableError(name, slot.reason ?? 'circuit open');
    if (slot.state === 'running' && slot.connection) return slot.connection;
    if (slot.pending) return slot.pending;
    return start(slot);
  };

  const stopSlot = async (slot: Slot): Promise<{ name: string; killed: boolean }> => {
    // A backoff cut short ends now, so callers waiting for the restart get an answer.
    for (const [timer, cutShort] of slot.timers) {
      clearTimeout(timer);
      cutShort();
    }
    slot.timers.clear();
    slot.pending = null;
    const child = slot.process;
    if (!child) {
      setState(slot, 'stopped');
      return { name: slot.spec.name, killed: false };
    }
    setState(slot, 'stopping');
    slot.connection?.shutdown();
    let killed = false;
    const timedOut = await Promise.race([
      slot.exited.then(() => false),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(true), stopTimeoutMs).unref()),
    ]);
    if (timedOut) {
      killed = true;
      options.logger.warn(
        { service: slot.spec.name, pid: child.pid },
        `service did not stop within ${stopTimeoutMs} ms; killing it`,
      );
      child.kill('SIGKILL');
      await slot.exited;
    }
    return { name: slot.spec.name, killed };
  };

  return {
    connect,
    client: <TRouter extends AnyTRPCRouter>(name: string) => {
      slotOf(name);
      return createTRPCClient<TRouter>({
        links: [servicePortLink<TRouter>({ connect: () => connect(name) })],
      });
    },
    status: (name) => statusOf(slotOf(name)),
    statuses: () => [...slots.values()].map(statusOf),
    onStatus: (listener) => {
      statusListeners.add(listener);
      return () => statusListeners.delete(listener);
    },
    resetCircuit: (name) => {
      const slot = slotOf(name);
      if (slot.state !== 'circuit-open') return;
      slot.crashTimes = [];
      slot.reason = null;
      setState(slot, 'idle');
    },
    shutdown: async () => {
      shuttingDown = true;
      return Promise.all([...slots.values()].map(stopSlot));
    },
  };
}
