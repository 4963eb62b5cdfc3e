import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export interface RunningServe {
  url: string;
  openUrl: string;
  token: string;
  stop(): Promise<void>;
}

/**
 * Starts `kirinuki serve --port 0 --json` on a library folder and reads the address it prints;
 * `env` adds to its environment (KIRINUKI_PLATFORM_ORIGIN_<P> sends a platform to a fake).
 */
export async function startServe(
  repoRoot: string,
  libraryDir: string,
  env: NodeJS.ProcessEnv = {},
): Promise<RunningServe> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['apps/desktop/bin/kirinuki.js', 'serve', '--port', '0', '--json', '--library', libraryDir],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve printed nothing in 60 s\n${stderr}`)), 60_000);
    lines.once('line', (line) => (clearTimeout(timer), resolve(line)));
    child.once(
      'exit',
      (code) => (clearTimeout(timer), reject(new Error(`serve exited with ${code}\n${stderr}`))),
    );
  });
  const address = JSON.parse(first) as { url: string; openUrl: string; token: string };
  return {
    ...address,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const force = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => (clearTimeout(force), resolve()));
        child.kill('SIGTERM');
      }),
  };
}
