import { readFileSync } from 'node:fs';

/**
 * True unless the process surely is gone: no such pid, or a zombie (Linux: it has exited and
 * waits for a parent to reap it — an orphan whose host was killed can stay one a while where the
 * init process reaps slowly). EPERM means it exists but belongs to someone else.
 */
export function isPidAlive(
  pid: number,
  { readStat = procStat }: { readStat?: (pid: number) => string } = {},
): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  return !isZombie(pid, readStat);
}

function procStat(pid: number): string {
  return readFileSync(`/proc/${pid}/stat`, 'utf8');
}

/** /proc/<pid>/stat is "pid (comm) state …"; comm may hold spaces and parentheses. */
function isZombie(pid: number, readStat: (pid: number) => string): boolean {
  let stat: string;
  try {
    stat = readStat(pid);
  } catch {
    return false; // no /proc (macOS, Windows): the signal's answer stands
  }
  const state = stat.slice(stat.lastIndexOf(')') + 2).charAt(0);
  return state === 'Z' || state === 'X';
}
