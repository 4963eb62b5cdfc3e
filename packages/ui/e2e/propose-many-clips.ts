import { spawn } from 'node:child_process';

/** Runs the real `kirinuki` CLI with `--json` on a library and parses the one document it prints. */
export function runKirinuki<T>(repoRoot: string, libraryDir: string, args: readonly string[]): Promise<T> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['apps/desktop/bin/kirinuki.js', ...args, '--json', '--library', libraryDir],
      { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code === 0) return resolve(JSON.parse(stdout) as T);
      reject(new Error(`kirinuki ${args.join(' ')} exited with ${code}\n${stdout}\n${stderr.slice(-2000)}`));
    });
  });
}

const PLATFORMS = ['tiktok', 'reels', 'shorts', 'square', 'x'] as const;
const MAX_ROUNDS = 60;

interface ListedClips {
  clips: Array<{ id: string; status: string }>;
}

/**
 * Makes at least `target` clips of a video with the real pipeline, through the CLI alone: `clip`
 * with other lengths proposes a new set for each platform (the settings are the set's key), and
 * every round's sets are rejected so the next round's proposals do not replace them. The first
 * `clip` imports the video, transcribes and analyses it; later rounds rerun only the clip finding.
 * Resolves with the video and the ids of its rejected clips.
 */
export async function proposeManyClips(
  repoRoot: string,
  libraryDir: string,
  video: string,
  target: number,
  log: (line: string) => void = () => undefined,
): Promise<{ videoId: string; clipIds: string[] }> {
  const cli = <T>(...args: string[]) => runKirinuki<T>(repoRoot, libraryDir, args);
  const { videoId } = await cli<{ videoId: string }>('clip', video);
  const list = async (status?: string) =>
    (await cli<ListedClips>('clips', 'list', '--video', videoId, ...(status ? ['--status', status] : [])))
      .clips;
  let total = 0;
  for (let round = 0; total < target; round += 1) {
    if (round === MAX_ROUNDS)
      throw new Error(`only ${total} clips after ${MAX_ROUNDS} rounds of clip finding`);
    // A pair of lengths no earlier round used.
    const min = 3 + (round % 4);
    const max = min + 3 + Math.floor(round / 4);
    for (const platform of PLATFORMS)
      await cli(
        'clip',
        videoId,
        '--platform',
        platform,
        '--min',
        String(min),
        '--max',
        String(max),
        '--count',
        '50',
      );
    const proposed = (await list('proposed')).map((c) => c.id);
    if (!proposed.length) throw new Error(`round ${round + 1} (${min}–${max} s) proposed no clips`);
    await cli('clips', 'reject', ...proposed);
    total = (await list()).length;
    log(`round ${round + 1}: clips of ${min}–${max} s, ${total} in all`);
  }
  return { videoId, clipIds: (await list('rejected')).map((c) => c.id) };
}
