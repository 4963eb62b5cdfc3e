import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  descendantsOf,
  emptyTreeUsage,
  parseProcStat,
  sampleTree,
  statusFieldKb,
  treeCpuSec,
  watchProcessTree,
  type ProcReader,
} from './process-tree-usage.js';

// "pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime …"
const stat = (pid: number, comm: string, ppid: number, utime = 0, stime = 0) =>
  `${pid} (${comm}) S ${ppid} ${pid} ${pid} 0 -1 4194304 100 0 0 0 ${utime} ${stime} 0 0 20 0 1`;

describe('parseProcStat', () => {
  it.each([
    [stat(42, 'node', 7, 120, 30), { pid: 42, ppid: 7, comm: 'node', cpuTicks: 150 }],
    [stat(9, 'Web Content', 1, 5, 0), { pid: 9, ppid: 1, comm: 'Web Content', cpuTicks: 5 }],
    [stat(5, 'a) b (c)', 3, 1, 2), { pid: 5, ppid: 3, comm: 'a) b (c)', cpuTicks: 3 }],
  ])('%s', (text, entry) => {
    expect(parseProcStat(text)).toEqual(entry);
  });
});

describe('statusFieldKb', () => {
  const status =
    'Name:\tnode\nVmHWM:\t  812340 kB\nVmRSS:\t  501200 kB\nRssAnon:\t  401000 kB\nRssFile:\t  100200 kB\nThreads:\t12\n';
  it.each([
    [status, 'VmRSS', 501200],
    [status, 'VmHWM', 812340],
    [status, 'RssAnon', 401000],
    [status, 'RssFile', 100200],
    ['Name:\tzombie\nState:\tZ (zombie)\n', 'VmRSS', null],
  ] as const)('%#: %s', (text, field, kb) => {
    expect(statusFieldKb(text, field)).toBe(kb);
  });
});

const entries = [
  { pid: 1, ppid: 0, comm: 'init', cpuTicks: 0 },
  { pid: 10, ppid: 1, comm: 'node', cpuTicks: 0 },
  { pid: 11, ppid: 10, comm: 'ffmpeg', cpuTicks: 0 },
  { pid: 12, ppid: 11, comm: 'sh', cpuTicks: 0 },
  { pid: 20, ppid: 1, comm: 'other', cpuTicks: 0 },
];

describe('descendantsOf', () => {
  it.each([
    [10, [10, 11, 12]],
    [11, [11, 12]],
    [20, [20]],
    [99, []],
  ])('%i', (root, pids) => {
    expect(descendantsOf(root, entries).map((e) => e.pid)).toEqual(pids);
  });
});

describe('sampleTree', () => {
  it('sums the tree at one moment, keeps the largest process, its high-water mark and CPU ticks', () => {
    const rss: Record<number, [number, number]> = {
      10: [300, 350],
      11: [200, 210],
      12: [5, 5],
      20: [999, 999],
    };
    const ticks: Record<number, number> = { 10: 100, 11: 40, 12: 1, 20: 5000 };
    let alive = entries;
    const proc: ProcReader = {
      pids: () => [...alive.map((e) => e.pid), 77], // 77 exits before it is read
      stat: (pid) => {
        const e = alive.find((x) => x.pid === pid);
        if (!e) throw new Error('ENOENT');
        return stat(e.pid, e.comm, e.ppid, ticks[pid], 0);
      },
      status: (pid) =>
        `VmHWM:\t${rss[pid]?.[1] ?? 0} kB\nVmRSS:\t${rss[pid]?.[0] ?? 0} kB\nRssAnon:\t${(rss[pid]?.[0] ?? 0) - 1} kB\nRssFile:\t1 kB\n`,
    };
    const usage = emptyTreeUsage();
    sampleTree(10, usage, proc);
    rss[10] = [100, 350];
    ticks[10] = 250;
    alive = entries.filter((e) => e.pid !== 11 && e.pid !== 12); // ffmpeg and its child are done
    sampleTree(10, usage, proc);
    // 300 + 200 + 5 at the first look; pid 20 is not in the tree.
    expect(usage).toMatchObject({
      treeKb: 505,
      singleKb: 300,
      singleComm: 'node',
      singleAnonKb: 299,
      singleFileKb: 1,
      singleHwmKb: 350,
      comms: ['node', 'ffmpeg', 'sh'],
      samples: 2,
    });
    // The node's later ticks, ffmpeg's and sh's last seen.
    expect(treeCpuSec(usage, 100)).toBeCloseTo(2.91, 9);
  });
});

describe.runIf(existsSync('/proc/self/status'))('watchProcessTree on this machine', () => {
  it('sees a child and its own child, and the CPU they spend', async () => {
    const child = spawn(process.execPath, [
      '-e',
      "require('child_process').spawn('sleep', ['2'], { stdio: 'inherit' }); const t = Date.now(); while (Date.now() - t < 600);",
    ]);
    const watch = watchProcessTree(child.pid!, 50);
    await new Promise((resolve) => setTimeout(resolve, 800));
    const usage = watch.stop();
    child.kill();
    expect(usage.comms).toEqual(expect.arrayContaining(['node', 'sleep']));
    expect(usage.treeKb).toBeGreaterThan(usage.singleKb);
    expect(usage.singleKb).toBeGreaterThan(10_000); // a node process holds tens of MB
    expect(usage.cpuSec).toBeGreaterThan(0); // it spun (how much CPU it got depends on the load)
  });
});
