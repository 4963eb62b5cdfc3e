import { readdirSync, readFileSync } from 'node:fs';

/** The pids of this process's children that run the stage service `name` (Linux /proc). */
export function servicePids(name: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid !== process.pid) continue;
      const environ = readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0');
      if (environ.includes(`KIRINUKI_SERVICE_NAME=${name}`)) pids.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return pids;
}

/**
 * SIGKILLs the publish service `kills` times, each at a random moment 0.5–4 s after the last, and
 * only while it runs (so each kill lands on uploads in flight, not on an idle queue).
 */
export function startKiller(options: { kills: number; seed: number; logger: (line: string) => void }) {
  let seed = options.seed >>> 0 || 1;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  let done = 0;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const next = () => {
    if (stopped || done >= options.kills) return;
    timer = setTimeout(
      () => {
        const [pid] = servicePids('publish');
        if (pid) {
          try {
            process.kill(pid, 'SIGKILL');
            done += 1;
            options.logger(`  kill ${done}/${options.kills}: publish service pid ${pid}`);
          } catch {
            // It ended on its own meanwhile.
          }
        }
        next();
      },
      500 + random() * 3_500,
    );
  };
  next();
  return {
    kills: () => done,
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
