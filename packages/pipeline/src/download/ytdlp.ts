import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { abortError } from '@kirinuki/contracts';
import { UserFacingError } from '@kirinuki/contracts';
import type { ByteProgress } from '../ingest/copy-with-sha256.js';
import { findExecutable } from './find-executable.js';

/** yt-dlp from KIRINUKI_YTDLP or PATH, or null. */
export function findYtDlp(env: NodeJS.ProcessEnv = process.env): string | null {
  return env.KIRINUKI_YTDLP ?? findExecutable('yt-dlp', env);
}

const UNITS: Record<string, number> = {
  B: 1,
  KiB: 1024,
  MiB: 1024 ** 2,
  GiB: 1024 ** 3,
  KB: 1e3,
  MB: 1e6,
  GB: 1e9,
};

/** One "[download]  42.0% of ~ 10.00MiB at 1.00MiB/s ETA 00:06" line → progress. */
export function parseYtDlpProgress(line: string): ByteProgress | null {
  const match =
    /\[download\]\s+([\d.]+)% of\s+~?\s*([\d.]+)(\w+)(?:\s+at\s+([\d.]+)(\w+)\/s)?(?:\s+ETA\s+(\d+):(\d+)(?::(\d+))?)?/.exec(
      line,
    );
  if (!match) return null;
  const fraction = Number(match[1]) / 100;
  const totalBytes = Math.round(Number(match[2]) * (UNITS[match[3] as string] ?? 1));
  const bytesPerSec = match[4] ? Number(match[4]) * (UNITS[match[5] as string] ?? 1) : 0;
  const etaParts = [match[6], match[7], match[8]].filter((x): x is string => x !== undefined).map(Number);
  const etaSec = etaParts.length ? etaParts.reduce((acc, part) => acc * 60 + part, 0) : null;
  return { bytes: Math.round(totalBytes * fraction), totalBytes, fraction, bytesPerSec, etaSec };
}

export interface YtDlpResult {
  file: string;
  title: string | null;
}

/**
 * Downloads a page URL (YouTube etc.) with yt-dlp into `outDir` (one file, merged to MP4 when
 * streams are separate). Progress comes from its --newline output.
 */
export function downloadWithYtDlp(
  url: string,
  outDir: string,
  options: {
    bin: string;
    signal?: AbortSignal | undefined;
    onProgress?: ((p: ByteProgress) => void) | undefined;
    maxBytes: number;
  },
): Promise<YtDlpResult> {
  const args = [
    '--no-playlist',
    '--newline',
    '--progress',
    '--no-part',
    '--no-mtime',
    '--max-filesize',
    String(options.maxBytes),
    '-f',
    'bv*+ba/b',
    '--merge-output-format',
    'mp4',
    '-o',
    path.join(outDir, 'download.%(ext)s'),
    '--print',
    'before_dl:title:%(title)s',
    '--print',
    'after_move:file:%(filepath)s',
    url,
  ];
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(abortError());
    const child = spawn(options.bin, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    let title: string | null = null;
    let file: string | null = null;
    let stderr = '';
    let pending = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split(/\r?\n/);
      pending = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('title:')) title = line.slice(6);
        else if (line.startsWith('file:')) file = line.slice(5);
        else {
          const progress = parseYtDlpProgress(line);
          if (progress) options.onProgress?.(progress);
        }
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (c: string) => (stderr = (stderr + c).slice(-4000)));
    const onAbort = () => child.kill('SIGKILL');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.once('error', (error) => reject(error));
    child.once('close', (code) => {
      options.signal?.removeEventListener('abort', onAbort);
      if (options.signal?.aborted) return reject(abortError());
      const produced =
        file ??
        readdirSync(outDir)
          .map((f) => path.join(outDir, f))
          .find((f) => path.basename(f).startsWith('download.'));
      if (code !== 0 || !produced) {
        const reason =
          stderr
            .trim()
            .split('\n')
            .filter((l) => l.includes('ERROR'))
            .pop() ?? `yt-dlp exited with ${code}`;
        return reject(
          new UserFacingError(
            'DOWNLOAD_FAILED',
            `yt-dlp could not download ${url}: ${reason.replace(/^ERROR:\s*/, '')}.`,
          ),
        );
      }
      resolve({ file: produced, title });
    });
  });
}
