import { fork, type ChildProcess, type ForkOptions } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

/**
 * The file to run for an entry: in the bundled CLI (which defines KIRINUKI_BUILT_ENTRIES_DIR when
 * it is built) a source `x.entry.ts` runs as its bundled `x.entry.mjs`; otherwise as given.
 */
export function runnableEntry(
  entry: string,
  builtEntriesDir = process.env.KIRINUKI_BUILT_ENTRIES_DIR,
): string {
  if (!builtEntriesDir || !entry.endsWith('.entry.ts')) return entry;
  const built = path.join(builtEntriesDir, `${path.basename(entry, '.ts')}.mjs`);
  return existsSync(built) ? built : entry;
}

/**
 * Forks a Node entry file. A `.ts` entry (running from source) gets the tsx loader; built
 * entries run as they are. execArgv is not inherited, so a test runner's flags do not leak in.
 */
export function forkEntry(
  entry: string,
  args: readonly string[] = [],
  options: ForkOptions = {},
): ChildProcess {
  const file = runnableEntry(entry);
  const execArgv = file.endsWith('.ts') ? ['--import', pathToFileURL(require.resolve('tsx')).href] : [];
  // A developer's profiling switch (README, Benchmarks): every forked service writes a V8 CPU profile.
  const profiles = process.env.KIRINUKI_CPU_PROFILE_DIR;
  if (profiles) execArgv.push('--cpu-prof', '--cpu-prof-dir', profiles);
  return fork(file, [...args], { execArgv, serialization: 'advanced', ...options });
}
