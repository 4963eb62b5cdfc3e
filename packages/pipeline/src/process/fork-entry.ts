import { fork, type ChildProcess, type ForkOptions } from 'node:child_process';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);

/**
 * Forks a Node entry file. A `.ts` entry (running from source) gets the tsx loader; built `.js`
 * entries run as they are. execArgv is not inherited, so a test runner's flags do not leak in.
 */
export function forkEntry(
  entry: string,
  args: readonly string[] = [],
  options: ForkOptions = {},
): ChildProcess {
  const execArgv = entry.endsWith('.ts') ? ['--import', pathToFileURL(require.resolve('tsx')).href] : [];
  return fork(entry, [...args], { execArgv, serialization: 'advanced', ...options });
}
