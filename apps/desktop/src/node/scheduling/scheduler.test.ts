import { afterEach, describe, expect, it } from 'vitest';
import { startScheduler, type Scheduler, type SchedulerClock, type SchedulerEvent } from './scheduler.js';

// The scheduler's logic on an injected clock: due order, sleeps, clock jumps, lease takeover.

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A wall clock, a monotonic clock and timers, moved by the test. */
function fakeClock(start = Date.parse('2026-12-07T09:00:00Z')) {
  let wall = start;
  let mono = 0;
  let nextId = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  const clock: SchedulerClock = {
    now: () => wall,
    monotonic: () => mono,
    setTimeout: (fn, ms) => {
      const id = nextId++;
      timers.set(id, { at: mono + ms, fn });
      return id;
    },
    clearTimeout: (id) => void timers.delete(id as number),
  };
  return {
    clock,
    /** Lets time pass (both clocks), running each timer at its moment. */
    async advance(ms: number) {
      const end = mono + ms;
      for (;;) {
        await flush();
        const next = [...timers.entries()].sort((a, b) => a[1].at - b[1].at)[0];
        if (!next || next[1].at > end) break;
        timers.delete(next[0]);
        wall += next[1].at - mono;
        mono = next[1].at;
        next[1].fn();
      }
      wall += end - mono;
      mono = end;
      await flush();
    },
    /** The wall clock alone moves (the machine slept, or the clock was set). */
    jump(ms: number) {
      wall += ms;
    },
    get wall() {
      return wall;
    },
  };
}

/** Due times and one lease, shared by the schedulers of a test (as one jobs.db would be). */
function fakeQueue(clock: { now(): number }) {
  const due: number[] = [];
  const lease = { owner: null as string | null, expiresAt: 0, dead: new Set<string>() };
  let dueQueries = 0;
  const forOwner = (owner: string) => ({
    nextDueAfter: async (now: number) => {
      dueQueries += 1;
      const later = due.filter((d) => d > now);
      return later.length ? Math.min(...later) : null;
    },
    acquireSchedulerLease: async (now: number, leaseMs: number) => {
      const free =
        lease.owner === null ||
        lease.owner === owner ||
        lease.expiresAt <= now ||
        lease.dead.has(lease.owner);
      if (!free) return false;
      lease.owner = owner;
      lease.expiresAt = now + leaseMs;
      return true;
    },
    releaseSchedulerLease: async () => {
      if (lease.owner === owner) lease.owner = null;
    },
    // Every owner of a test runs on this machine; its pid is its name's.
    localLeaseHolderPid: async () => (lease.owner && lease.owner !== owner ? pidOf(lease.owner) : null),
  });
  const pidOf = (name: string) => 1000 + name.charCodeAt(0);
  return {
    due,
    lease,
    forOwner,
    pidAlive: (pid: number) => ![...lease.dead].some((name) => pidOf(name) === pid),
    get dueQueries() {
      return dueQueries;
    },
    /** Jobs whose time came and that were not run yet are run by a fire (as the worker's kick). */
    runDue(fired: number[]) {
      const now = clock.now();
      for (let i = due.length - 1; i >= 0; i--)
        if (due[i]! <= now) {
          fired.push(due[i]!);
          due.splice(i, 1);
        }
    },
  };
}

const running: Scheduler[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.stop()));
});

function start(t: ReturnType<typeof fakeClock>, q: ReturnType<typeof fakeQueue>, owner: string) {
  const fired: number[] = [];
  const events: SchedulerEvent[] = [];
  const warmed: Array<{ at: number; now: number }> = [];
  const scheduler = startScheduler({
    queue: q.forOwner(owner),
    clock: t.clock,
    fire: () => q.runDue(fired),
    warm: (at) => warmed.push({ at, now: t.wall }),
    warmAheadMs: 3_000,
    pidAlive: q.pidAlive,
    watchMs: 100,
    leaseMs: 30_000,
    tickMs: 1_000,
    onEvent: (e) => events.push(e),
  });
  running.push(scheduler);
  return { scheduler, fired, events, warmed };
}

describe('scheduler', () => {
  it('fires each due time in order, on time, and sleeps between them', async () => {
    const t = fakeClock();
    const q = fakeQueue(t.clock);
    const t0 = t.wall;
    q.due.push(t0 + 90_000, t0 + 5_000, t0 + 30_000);
    const { fired, events } = start(t, q, 'a');
    await t.advance(4_999);
    expect(fired).toEqual([]);
    await t.advance(1);
    expect(fired).toEqual([t0 + 5_000]);
    await t.advance(100_000);
    expect(fired).toEqual([t0 + 5_000, t0 + 30_000, t0 + 90_000]);
    const due = events.filter((e) => e.type === 'due');
    expect(due.map((e) => (e as { lateMs: number }).lateMs)).toEqual([0, 0, 0]);
  });

  it('warms up 3 s before work that comes due after a quiet spell, once each, and not inside a busy run', async () => {
    const t = fakeClock();
    const q = fakeQueue(t.clock);
    const t0 = t.wall;
    // A quiet minute, then three due a second apart, then another quiet spell.
    q.due.push(t0 + 60_000, t0 + 61_000, t0 + 62_000, t0 + 120_000);
    const { warmed, fired } = start(t, q, 'a');
    await t.advance(56_999);
    expect(warmed).toEqual([]);
    await t.advance(1);
    expect(warmed).toEqual([{ at: t0 + 60_000, now: t0 + 57_000 }]);
    await t.advance(10_000);
    expect(fired).toEqual([t0 + 60_000, t0 + 61_000, t0 + 62_000]);
    expect(warmed).toHaveLength(1);
    await t.advance(60_000);
    expect(warmed.map((w) => [w.at, w.now])).toEqual([
      [t0 + 60_000, t0 + 57_000],
      [t0 + 120_000, t0 + 117_000],
    ]);
  });

  it('looks at one indexed query a tick while idle, and fires nothing', async () => {
    const t = fakeClock();
    const q = fakeQueue(t.clock);
    q.due.push(t.wall + 7 * 86_400_000); // next week
    const { fired } = start(t, q, 'a');
    await t.advance(60_000);
    expect(fired).toEqual([]);
    expect(q.dueQueries).toBeLessThanOrEqual(62);
  });

  it('takes a new earlier time into account by the next tick, or at once when poked', async () => {
    const t = fakeClock();
    const q = fakeQueue(t.clock);
    const t0 = t.wall;
    q.due.push(t0 + 600_000);
    const { scheduler, fired } = start(t, q, 'a');
    await t.advance(1_000);
    q.due.push(t0 + 1_500);
    scheduler.poke();
    await t.advance(500);
    expect(fired).toEqual([t0 + 1_500]);
  });

  it('runs at once what came due while the machine slept (wall clock ahead of the monotonic one)', async () => {
    const t = fakeClock();
    const q = fakeQueue(t.clock);
    const t0 = t.wall;
    q.due.push(t0 + 3_600_000);
    const { fired, events } = start(t, q, 'a');
    await t.advance(1_000);
    t.jump(2 * 3_600_000); // slept two hours
    await t.advance(1_000);
    expect(fired).toEqual([t0 + 3_600_000]);
    expect(events.some((e) => e.type === 'clock-jump')).toBe(true);
  });

  it('does not fire early when the wall clock is set back', async () => {
    const t = fakeClock();
    const q = fakeQueue(t.clock);
    const t0 = t.wall;
    q.due.push(t0 + 10_000);
    const { fired } = start(t, q, 'a');
    await t.advance(1_000);
    t.jump(-60_000); // the clock went back a minute: due is now 69 s away
    await t.advance(9_000);
    expect(fired).toEqual([]);
    await t.advance(60_000);
    expect(fired).toEqual([t0 + 10_000]);
  });

  it('lets one scheduler fire; the second stands by and takes over when the first dies', async () => {
    const t = fakeClock();
    const q = fakeQueue(t.clock);
    const t0 = t.wall;
    q.due.push(t0 + 5_000, t0 + 50_000);
    const a = start(t, q, 'a');
    const b = start(t, q, 'b');
    await t.advance(10_000);
    expect(a.scheduler.holding()).toBe(true);
    expect(b.scheduler.holding()).toBe(false);
    expect(a.fired).toEqual([t0 + 5_000]);
    // a's process is gone (on this machine): b takes the lease at its next look and fires on time.
    await a.scheduler.stop().catch(() => undefined);
    q.lease.owner = 'a';
    q.lease.dead.add('a');
    await t.advance(2_000);
    expect(b.scheduler.holding()).toBe(true);
    await t.advance(40_000);
    expect(b.fired).toEqual([t0 + 50_000]);
  });

  it('a standby on this machine watches the holder’s process and takes over within a tenth of a second of its death, not at its next tick', async () => {
    const t = fakeClock();
    const q = fakeQueue(t.clock);
    const t0 = t.wall;
    q.due.push(t0 + 2_050);
    const a = start(t, q, 'a');
    const b = start(t, q, 'b');
    await t.advance(2_000);
    expect(b.scheduler.holding()).toBe(false);
    // a is killed just after b's look at 2 s: b's next look would be at 3 s.
    await a.scheduler.stop().catch(() => undefined);
    q.lease.owner = 'a';
    q.lease.dead.add('a');
    await t.advance(150);
    expect(b.scheduler.holding()).toBe(true);
    // What came due meanwhile went out at once.
    expect(b.fired).toEqual([t0 + 2_050]);
  });

  it('a standby elsewhere waits for the lease to expire, then runs what came due meanwhile', async () => {
    const t = fakeClock();
    const q = fakeQueue(t.clock);
    const t0 = t.wall;
    // Another machine holds the lease and stopped renewing it 5 s ago.
    q.lease.owner = 'other-host';
    q.lease.expiresAt = t0 + 25_000;
    q.due.push(t0 + 10_000);
    const b = start(t, q, 'b');
    await t.advance(24_000);
    expect(b.fired).toEqual([]);
    await t.advance(2_000);
    expect(b.scheduler.holding()).toBe(true);
    expect(b.fired).toEqual([t0 + 10_000]);
  });

  it('gives the lease up on stop, so a standby takes over at its next tick', async () => {
    const t = fakeClock();
    const q = fakeQueue(t.clock);
    const a = start(t, q, 'a');
    const b = start(t, q, 'b');
    await t.advance(1_000);
    await a.scheduler.stop();
    expect(q.lease.owner).toBeNull();
    await t.advance(1_000);
    expect(b.scheduler.holding()).toBe(true);
  });
});
