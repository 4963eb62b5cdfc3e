/**
 * The scheduler of a library: one process at a time (a lease on the job queue) wakes the job
 * worker when queued work comes due — a scheduled post, a retry's backoff — with a timer set for
 * the earliest "not before" (no look over all posts), and again after the machine slept or the
 * wall clock jumped. A second scheduler stands by and takes over when the first dies: at once when
 * it ran on this machine and its process is gone, when its lease expires otherwise.
 */

import { isPidAlive } from '../service-process/pid-alive.js';

export interface SchedulerQueue {
  nextDueAfter(now: number): Promise<number | null>;
  acquireSchedulerLease(now: number, leaseMs: number): Promise<boolean>;
  releaseSchedulerLease(): Promise<void>;
  /** The pid of the process on this machine that holds the lease, when another one does. */
  localLeaseHolderPid?(): Promise<number | null>;
}

export interface SchedulerClock {
  /** Wall-clock epoch ms (what due times are in). */
  now(): number;
  /** A clock that only moves forward while the process runs (performance.now). */
  monotonic(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export type SchedulerEvent =
  | { type: 'holding' }
  | { type: 'standby' }
  | { type: 'due'; at: number; lateMs: number }
  | { type: 'clock-jump'; byMs: number }
  | { type: 'error'; error: unknown };

export interface SchedulerOptions {
  queue: SchedulerQueue;
  /** Runs what is due now (the job worker's kick). */
  fire: () => void;
  /**
   * Told `warmAheadMs` before work comes due at `at` (a process to start, a connection to open),
   * so the first post after a quiet hour does not wait for them.
   */
  warm?: (at: number) => void;
  /** How long before a due time `warm` is told (default 3 s). */
  warmAheadMs?: number;
  /**
   * Whether a process is alive (default: kill 0 and not a zombie). A standby whose holder runs on
   * this machine asks it every `watchMs` (default 100 ms) between its looks, and takes over as
   * soon as the holder is gone: a crash costs a tenth of a second of posting, not a tick.
   */
  pidAlive?: (pid: number) => boolean;
  watchMs?: number;
  clock?: SchedulerClock;
  /** How long the lease lasts without renewal; renewed every third of it. */
  leaseMs?: number;
  /** How often it looks at the clock, the lease and the next due time (a cheap indexed query). */
  tickMs?: number;
  /** A wall clock that moved this much more or less than the monotonic one jumped (or the machine slept). */
  jumpMs?: number;
  onEvent?: (event: SchedulerEvent) => void;
}

export interface Scheduler {
  /** Whether this process holds the lease (fires due work) or stands by. */
  holding(): boolean;
  /** Look again now (something was scheduled or moved in this process; the machine woke). */
  poke(): void;
  /** Stops and gives the lease up. */
  stop(): Promise<void>;
}

export const systemSchedulerClock: SchedulerClock = {
  now: () => Date.now(),
  monotonic: () => performance.now(),
  setTimeout: (fn, ms) => {
    const timer = setTimeout(fn, ms);
    timer.unref();
    return timer;
  },
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** setTimeout's longest delay (2^31 − 1 ms); a due time further away is re-armed on the way. */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

export function startScheduler(options: SchedulerOptions): Scheduler {
  const clock = options.clock ?? systemSchedulerClock;
  const leaseMs = options.leaseMs ?? 30_000;
  const tickMs = options.tickMs ?? 1_000;
  const jumpMs = options.jumpMs ?? 2_000;
  const emit = (event: SchedulerEvent) => options.onEvent?.(event);
  let holding = false;
  let known = false;
  let stopped = false;
  let lastLeaseAt = -Infinity;
  let dueAt: number | null = null;
  let dueTimer: unknown = null;
  let warmTimer: unknown = null;
  let warmedFor: number | null = null;
  let watchTimer: unknown = null;
  const watchMs = options.watchMs ?? 100;
  const pidAlive = options.pidAlive ?? isPidAlive;

  /** Watches the local holder's pid (between looks); null stops watching. */
  const watch = (pid: number | null) => {
    if (watchTimer !== null) clock.clearTimeout(watchTimer);
    watchTimer = null;
    if (pid === null || stopped) return;
    const check = () => {
      watchTimer = null;
      if (stopped || holding) return;
      if (!pidAlive(pid)) return void run(look);
      watchTimer = clock.setTimeout(check, watchMs);
    };
    watchTimer = clock.setTimeout(check, watchMs);
  };
  const warmAheadMs = options.warmAheadMs ?? 3_000;
  let tickTimer: unknown = null;
  let busy: Promise<void> = Promise.resolve();
  let wall = clock.now();
  let mono = clock.monotonic();

  const armDue = (next: number | null) => {
    if (next === dueAt && dueTimer !== null) return;
    if (dueTimer !== null) clock.clearTimeout(dueTimer);
    if (warmTimer !== null) clock.clearTimeout(warmTimer);
    dueTimer = null;
    warmTimer = null;
    dueAt = next;
    if (next === null || !holding) return;
    // Warmed once per quiet spell: work due within warmAheadMs of now finds things as the work
    // before it left them.
    const ahead = next - warmAheadMs - clock.now();
    if (options.warm && warmedFor !== next && ahead > 0) {
      const warm = options.warm;
      warmTimer = clock.setTimeout(
        () => {
          warmTimer = null;
          warmedFor = next;
          warm(next);
        },
        Math.min(LONGEST_TIMER_MS, ahead),
      );
    }
    const wait = Math.min(LONGEST_TIMER_MS, Math.max(0, next - clock.now()));
    dueTimer = clock.setTimeout(() => {
      dueTimer = null;
      run(() => onDue(next));
    }, wait);
  };

  const onDue = async (at: number) => {
    const now = clock.now();
    // Re-armed early (a timer's longest delay, or a clock moved back): not due yet.
    if (now < at) return armDue(await options.queue.nextDueAfter(now - 1));
    emit({ type: 'due', at, lateMs: now - at });
    options.fire();
    armDue(await options.queue.nextDueAfter(now));
  };

  const look = async () => {
    const now = clock.now();
    const monoNow = clock.monotonic();
    const drift = now - wall - (monoNow - mono);
    wall = now;
    mono = monoNow;
    const jumped = Math.abs(drift) > jumpMs;
    if (jumped) emit({ type: 'clock-jump', byMs: drift });
    if (now - lastLeaseAt >= leaseMs / 3 || jumped || !holding) {
      const had = holding;
      holding = await options.queue.acquireSchedulerLease(now, leaseMs);
      lastLeaseAt = now;
      if (holding !== had || !known) emit({ type: holding ? 'holding' : 'standby' });
      known = true;
      watch(!holding && options.queue.localLeaseHolderPid ? await options.queue.localLeaseHolderPid() : null);
      // Taken over (or after a jump): whatever came due meanwhile runs now.
      if (holding && (!had || jumped)) options.fire();
    }
    if (!holding) return armDue(null);
    armDue(await options.queue.nextDueAfter(now));
  };

  /** One look at a time, in order; an error is reported and the next tick tries again. */
  const run = (fn: () => Promise<void>) => {
    busy = busy.then(fn).catch((error: unknown) => emit({ type: 'error', error }));
    return busy;
  };

  const tick = () => {
    if (stopped) return;
    void run(look).finally(() => {
      if (!stopped) tickTimer = clock.setTimeout(tick, tickMs);
    });
  };
  tick();

  return {
    holding: () => holding,
    poke: () => void run(look),
    stop: async () => {
      stopped = true;
      if (tickTimer !== null) clock.clearTimeout(tickTimer);
      // Before and after the look in flight, which may arm them again.
      const clearTimers = () => {
        for (const timer of [dueTimer, warmTimer]) if (timer !== null) clock.clearTimeout(timer);
        watch(null);
      };
      clearTimers();
      await busy;
      clearTimers();
      if (holding) await options.queue.releaseSchedulerLease().catch(() => undefined);
      holding = false;
    },
  };
}
