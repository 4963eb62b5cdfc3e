/**
 * Resident memory and CPU time of a process and all its descendants, from Linux's /proc: what a
 * user's machine holds for one command, which forks ffmpeg and runs Whisper beside it. GNU time
 * and getrusage see one process (or only reaped children, one at a time), not the sum at a moment.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcEntry {
  pid: number;
  ppid: number;
  comm: string;
  /** utime + stime of all its threads, in clock ticks. */
  cpuTicks: number;
}

/** /proc/<pid>/stat is "pid (comm) state ppid … utime stime …"; comm may hold spaces and parentheses. */
export function parseProcStat(stat: string): ProcEntry {
  const open = stat.indexOf('(');
  const close = stat.lastIndexOf(')');
  // Fields from the 3rd (state) on: ppid is the 4th, utime the 14th, stime the 15th.
  const fields = stat.slice(close + 2).split(' ');
  return {
    pid: Number(stat.slice(0, open)),
    ppid: Number(fields[1]),
    comm: stat.slice(open + 1, close),
    cpuTicks: Number(fields[11] ?? 0) + Number(fields[12] ?? 0),
  };
}

/** A "Name:   123 kB" line of /proc/<pid>/status, in kB; null when absent (a zombie has none). */
export function statusFieldKb(
  status: string,
  field: 'VmRSS' | 'VmHWM' | 'RssAnon' | 'RssFile',
): number | null {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
  return match ? Number(match[1]) : null;
}

/** `root` and every process below it. */
export function descendantsOf(root: number, entries: readonly ProcEntry[]): ProcEntry[] {
  const children = new Map<number, ProcEntry[]>();
  for (const e of entries) children.set(e.ppid, [...(children.get(e.ppid) ?? []), e]);
  const self = entries.find((e) => e.pid === root);
  const tree: ProcEntry[] = self ? [self] : [];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]!.pid) ?? []));
  return tree;
}

export interface TreeUsage {
  /** Largest sum of VmRSS over the tree at one sample. */
  treeKb: number;
  /** Largest VmRSS of one process at one sample, and which. */
  singleKb: number;
  singleComm: string;
  /** At that sample, how much of it was its own (heap, arenas) and how much mapped files (code, models). */
  singleAnonKb: number;
  singleFileKb: number;
  /** Largest VmHWM seen (the kernel's own peak of one process, between samples too). */
  singleHwmKb: number;
  /** Every command name seen in the tree. */
  comms: string[];
  samples: number;
  /** The last CPU ticks seen of every process that was in the tree (a process's last ≤1 interval is missed). */
  cpuTicksByPid: Map<number, number>;
}

export const emptyTreeUsage = (): TreeUsage => ({
  treeKb: 0,
  singleKb: 0,
  singleComm: '',
  singleAnonKb: 0,
  singleFileKb: 0,
  singleHwmKb: 0,
  comms: [],
  samples: 0,
  cpuTicksByPid: new Map(),
});

export interface ProcReader {
  pids(): number[];
  stat(pid: number): string;
  status(pid: number): string;
}

const procReader: ProcReader = {
  pids: () =>
    readdirSync('/proc')
      .filter((d) => /^\d+$/.test(d))
      .map(Number),
  stat: (pid) => readFileSync(`/proc/${pid}/stat`, 'utf8'),
  status: (pid) => readFileSync(`/proc/${pid}/status`, 'utf8'),
};

/** Folds one look at the tree under `root` into `usage`. */
export function sampleTree(root: number, usage: TreeUsage, proc: ProcReader = procReader): void {
  const entries: ProcEntry[] = [];
  for (const pid of proc.pids()) {
    try {
      entries.push(parseProcStat(proc.stat(pid)));
    } catch {
      // gone between the listing and the read
    }
  }
  let sum = 0;
  for (const e of descendantsOf(root, entries)) {
    let status: string;
    try {
      status = proc.status(e.pid);
    } catch {
      continue;
    }
    const rss = statusFieldKb(status, 'VmRSS') ?? 0;
    sum += rss;
    if (rss > usage.singleKb) {
      [usage.singleKb, usage.singleComm] = [rss, e.comm];
      usage.singleAnonKb = statusFieldKb(status, 'RssAnon') ?? 0;
      usage.singleFileKb = statusFieldKb(status, 'RssFile') ?? 0;
    }
    usage.singleHwmKb = Math.max(usage.singleHwmKb, statusFieldKb(status, 'VmHWM') ?? 0);
    if (!usage.comms.includes(e.comm)) usage.comms.push(e.comm);
    usage.cpuTicksByPid.set(e.pid, e.cpuTicks);
  }
  usage.treeKb = Math.max(usage.treeKb, sum);
  usage.samples++;
}

/** CPU seconds of the whole tree, given the kernel's clock ticks per second. */
export function treeCpuSec(usage: TreeUsage, ticksPerSec: number): number {
  let ticks = 0;
  for (const t of usage.cpuTicksByPid.values()) ticks += t;
  return ticks / ticksPerSec;
}

/**
 * Samples the tree under `root` every `intervalMs` (a full /proc listing, ~3 ms for 100
 * processes) until stop() is called; stop() returns the peaks and the tree's CPU seconds.
 */
export function watchProcessTree(
  root: number,
  intervalMs = 200,
  proc: ProcReader = procReader,
): { stop(): TreeUsage & { cpuSec: number } } {
  const usage = emptyTreeUsage();
  const ticksPerSec = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
  sampleTree(root, usage, proc);
  const timer = setInterval(() => sampleTree(root, usage, proc), intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return { ...usage, cpuSec: treeCpuSec(usage, ticksPerSec) };
    },
  };
}
