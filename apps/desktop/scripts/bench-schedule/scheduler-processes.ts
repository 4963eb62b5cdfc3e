import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { CLI_BIN } from '../../src/cli/test-support/run-cli.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** CPU seconds (user + system) and resident memory of a process, from /proc. */
function usage(pid: number): { cpuSec: number; rssMiB: number } {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
  return { cpuSec: ticks / 100, rssMiB: Number(rss) / 1024 };
}

/** KIRINUKI_CPU_PROFILE_DIR: the schedulers (and, through forkEntry, their services) write CPU profiles. */
const profiling = process.env.KIRINUKI_CPU_PROFILE_DIR
  ? ['--cpu-prof', '--cpu-prof-dir', process.env.KIRINUKI_CPU_PROFILE_DIR]
  : [];

export const within = <T>(promise: Promise<T>, ms: number, what: string) =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`${what} took over ${ms} ms`)), ms).unref(),
    ),
  ]);

export const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((resolve) => child.once('exit', () => resolve()));

export interface LaunchedScheduler {
  child: ChildProcess;
  /** Once it holds the lease or stands by. */
  ready: Promise<void>;
  /** Once it holds the lease (at once, or when it takes over). */
  holding: Promise<void>;
}

/** `kirinuki scheduler` processes on one library, and their idle CPU. */
export function schedulerProcesses(libraryDir: string, idleSec: number) {
  const launchScheduler = (): LaunchedScheduler => {
    const child = spawn(
      process.execPath,
      [...profiling, CLI_BIN, 'scheduler', '--json', '--library', libraryDir],
      { env: process.env, stdio: ['ignore', 'pipe', 'ignore'] },
    );
    const lines = createInterface({ input: child.stdout! });
    const seen = (pattern: RegExp, what: string) =>
      new Promise<void>((resolve, reject) => {
        lines.on('line', (line) => pattern.test(line) && resolve());
        child.once('exit', (code) => reject(new Error(`the scheduler exited (${code}) before ${what}`)));
      });
    const holding = seen(/holding the scheduler lease/, 'taking the lease');
    const ready = seen(/holding the scheduler lease|standing by/, 'standing by');
    holding.catch(() => undefined);
    ready.catch(() => undefined);
    return { child, ready, holding };
  };

  /** A scheduler that holds the lease (the first, or a new one once the old is gone). */
  const startScheduler = async (): Promise<ChildProcess> => {
    const s = launchScheduler();
    await within(s.holding, 60_000, 'taking the scheduler lease');
    return s.child;
  };

  const measureIdle = async (child: ChildProcess, label: string): Promise<boolean> => {
    await sleep(3_000); // past the start-up
    const before = usage(child.pid!);
    await sleep(idleSec * 1000);
    const after = usage(child.pid!);
    const share = ((after.cpuSec - before.cpuSec) / idleSec) * 100;
    const ok = share < 1;
    console.log(
      `idle with ${label}: scheduler CPU ${share.toFixed(2)} % of a core over ${idleSec} s (goal < 1 %) ${ok ? 'OK' : 'FAILED'}; RSS ${after.rssMiB.toFixed(0)} MiB`,
    );
    return ok;
  };

  return { launchScheduler, startScheduler, measureIdle };
}
