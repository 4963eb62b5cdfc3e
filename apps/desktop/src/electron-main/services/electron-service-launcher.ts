import { createInterface } from 'node:readline';
import { MessageChannelMain, utilityProcess } from 'electron';
import { messagePortMainPort } from '../../node/service-process/message-port-main-port.js';
import type { ExitInfo, ServiceLauncher } from '../../node/service-process/service-port.js';

/**
 * Runs service entries as Electron utility processes. The host keeps one end of a
 * MessageChannelMain and sends the other through `postMessage`; `connectToHost` in the service
 * picks it up from `process.parentPort`.
 */
export const launchElectronService: ServiceLauncher = (entry, options) => {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries({
    ...process.env,
    ...options.env,
    KIRINUKI_SERVICE_NAME: options.name,
  })) {
    if (value !== undefined) env[key] = value;
  }
  const child = utilityProcess.fork(entry, [...(options.args ?? [])], {
    stdio: 'pipe',
    serviceName: `Kirinuki ${options.name}`,
    env,
  });
  const { port1, port2 } = new MessageChannelMain();
  child.postMessage({ kind: 'connect' }, [port2]);
  const port = messagePortMainPort(port1);

  const outputListeners = new Set<(line: string, stream: 'stdout' | 'stderr') => void>();
  for (const [stream, name] of [
    [child.stdout, 'stdout'],
    [child.stderr, 'stderr'],
  ] as const) {
    if (!stream) continue;
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      for (const listener of outputListeners) listener(line, name);
    });
  }
  let killedWith: NodeJS.Signals | null = null;
  let exit: ExitInfo | null = null;
  const exitListeners = new Set<(exit: ExitInfo) => void>();
  let knownPid = child.pid;
  child.once('spawn', () => (knownPid = child.pid));
  child.once('exit', (code) => {
    exit = { code: killedWith ? null : code, signal: killedWith };
    port.close();
    for (const listener of exitListeners) listener(exit);
  });
  return {
    get pid() {
      return knownPid;
    },
    port,
    onOutput: (listener) => void outputListeners.add(listener),
    onExit: (listener) => {
      if (exit) queueMicrotask(() => listener(exit as ExitInfo));
      else exitListeners.add(listener);
    },
    kill: (signal) => {
      if (exit) return;
      killedWith = signal;
      // utilityProcess.kill() only sends SIGTERM; a hung service needs SIGKILL by pid.
      if (signal === 'SIGKILL' && knownPid !== undefined) process.kill(knownPid, 'SIGKILL');
      else child.kill();
    },
  };
};
