import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { forkEntry } from '@kirinuki/pipeline';
import { nodeIpcPort } from './node-ipc-port.js';
import type { ExitInfo, ServiceLauncher, ServiceProcess } from './service-port.js';

function forwardLines(
  stream: Readable | null,
  name: 'stdout' | 'stderr',
  listeners: Set<(line: string, stream: 'stdout' | 'stderr') => void>,
): void {
  if (!stream) return;
  createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
    for (const listener of listeners) listener(line, name);
  });
}

/** Runs service entries with `child_process.fork` (the CLI, `kirinuki serve` and tests). */
export const launchNodeService: ServiceLauncher = (entry, options) => {
  const child = forkEntry(entry, options.args ?? [], {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    env: { ...process.env, ...options.env, KIRINUKI_SERVICE_NAME: options.name },
  });
  const outputListeners = new Set<(line: string, stream: 'stdout' | 'stderr') => void>();
  forwardLines(child.stdout, 'stdout', outputListeners);
  forwardLines(child.stderr, 'stderr', outputListeners);
  let exit: ExitInfo | null = null;
  const exitListeners = new Set<(exit: ExitInfo) => void>();
  // 'close' fires after the output streams drained, so a crash trace is read before the exit.
  child.once('close', (code, signal) => {
    exit = { code, signal };
    for (const listener of exitListeners) listener(exit);
  });
  child.once('error', () => {
    // A failed spawn is followed by 'close'; the supervisor reports it from there.
  });
  const service: ServiceProcess = {
    pid: child.pid,
    port: nodeIpcPort(child),
    onOutput: (listener) => void outputListeners.add(listener),
    onExit: (listener) => {
      if (exit) queueMicrotask(() => listener(exit as ExitInfo));
      else exitListeners.add(listener);
    },
    kill: (signal) => {
      if (exit === null) child.kill(signal);
    },
  };
  return service;
};
