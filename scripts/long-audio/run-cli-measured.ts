// Runs `kirinuki transcribe <file> --json` as a user would, in an empty library, and measures what
// the user's machine pays for it: wall time, the peak resident memory of the whole process tree
// (the CLI, its Whisper worker thread, ffmpeg), its CPU time and the peak size of its temporary files.
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Transcript } from '@kirinuki/pipeline/asr/transcript';
import { loadavg } from 'node:os';
import { watchProcessTree, type TreeUsage } from '@kirinuki/pipeline/test-support/process/process-tree-usage';

export interface MeasuredCliRun {
  seconds: number;
  usage: TreeUsage & { cpuSec: number };
  /** The machine's 1-minute load average at the start and the end (other work slows wall time). */
  load: [number, number];
  /** Largest total size of the files under the CLI's TMPDIR at one look (once a second). */
  tempPeakBytes: number;
  transcript: Transcript;
}

function bytesUnder(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    try {
      total += statSync(path.join(entry.parentPath, entry.name)).size;
    } catch {
      // removed between the listing and the stat
    }
  }
  return total;
}

export async function runCliMeasured(
  cliBin: string,
  file: string,
  {
    work,
    onProgress,
    progressEverySec = 60,
  }: { work: string; onProgress?: (line: string) => void; progressEverySec?: number },
): Promise<MeasuredCliRun> {
  const library = path.join(work, 'library');
  const tmp = path.join(work, 'cli-tmp');
  const outFile = path.join(work, 'transcript.json');
  rmSync(library, { recursive: true, force: true });
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const out = openSync(outFile, 'w');
  const loadBefore = loadavg()[0]!;
  const started = performance.now();
  // TMPDIR of its own, so the PCM the CLI spools to disk can be measured and is removed with the run.
  const child = spawn(process.execPath, [cliBin, 'transcribe', file, '--json', '--library', library], {
    stdio: ['ignore', out, 'pipe'],
    env: { ...process.env, TMPDIR: tmp },
  });
  closeSync(out);
  const watch = watchProcessTree(child.pid!, 200);
  let tempPeakBytes = 0;
  const tempTimer = setInterval(() => (tempPeakBytes = Math.max(tempPeakBytes, bytesUnder(tmp))), 1000);
  let stderrTail = '';
  let lastLine = '';
  let toldAt = 0;
  child.stderr!.setEncoding('utf8').on('data', (text: string) => {
    stderrTail = (stderrTail + text).slice(-4000);
    lastLine = text.trim().split('\n').pop() ?? lastLine;
    const now = performance.now();
    if (onProgress && now - toldAt >= progressEverySec * 1000) {
      toldAt = now;
      onProgress(`${((now - started) / 1000).toFixed(0).padStart(5)} s  ${lastLine}`);
    }
  });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (exitCode) => resolve(exitCode));
  });
  const seconds = (performance.now() - started) / 1000;
  const usage = watch.stop();
  clearInterval(tempTimer);
  if (code !== 0) throw new Error(`kirinuki transcribe ${file} exited with ${code}:\n${stderrTail}`);
  const transcript = JSON.parse(readFileSync(outFile, 'utf8')) as Transcript;
  rmSync(outFile);
  rmSync(library, { recursive: true, force: true });
  rmSync(tmp, { recursive: true, force: true });
  return { seconds, usage, load: [loadBefore, loadavg()[0]!], tempPeakBytes, transcript };
}
