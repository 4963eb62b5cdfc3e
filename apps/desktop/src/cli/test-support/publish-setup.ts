import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { storeProposals } from '../../node/clips/clip-edits.js';
import { openLibrary } from '../../node/library/library.js';
import { importIntoLibrary } from '../../node/library/test-support/import-into-library.js';
import { testImportOptions } from '../../node/library/test-support/test-import-options.js';
import { CLI_BIN, runCli } from './run-cli.js';

const media = (name: string) =>
  fileURLToPath(new URL(`../../../../../fixtures/media/${name}`, import.meta.url));
/** 2 s of test pattern: clips of 1.6 s (X and YouTube take them; TikTok and Reels want 3 s). */
const SHORT = { fixture: media('testsrc-2s-320x240.mp4'), clipSec: 1.6 };
/** 92 s of a talk: clips of 3.5 s, long enough for every platform. */
export const LONG_CLIPS = { fixture: media('talk-4-topics-320x240.mp4'), clipSec: 3.5 };

/** A library with one video and `count` short clips (no captions, so no transcript is needed). */
export async function libraryWithClips(
  dir: string,
  count = 1,
  source: { fixture: string; clipSec: number } = SHORT,
): Promise<string[]> {
  const library = await openLibrary(dir);
  try {
    const { video } = await importIntoLibrary(library, source.fixture, testImportOptions());
    const { clips } = await storeProposals(library.db, {
      videoId: video.id,
      stableAtMs: Date.parse(video.createdAt),
      platform: 'shorts',
      style: 'none',
      key: `publish-test-${count}`,
      proposals: Array.from({ length: count }, (_, i) => ({
        rank: i + 1,
        start: 0.1 + (i % 3) * 0.1,
        end: 0.1 + (i % 3) * 0.1 + source.clipSec,
        duration: source.clipSec,
        score: 80 - i,
        reasons: ['A clear picture'],
        text: `Test pattern number ${i + 1}`,
        title: `Test pattern ${i + 1}`,
        hashtags: ['#test', '#kirinuki'],
      })),
    });
    return clips.map((c) => c.id);
  } finally {
    await library.close();
  }
}

/**
 * `kirinuki accounts connect` as a user does it: the CLI prints the sign-in address, the "user"
 * opens it (the fake approves at once and redirects), the browser follows to the CLI's loopback,
 * or, for a registered https redirect, the user pastes the address the browser landed on.
 */
export async function connectAccount(args: {
  platform: string;
  library: string;
  env: NodeJS.ProcessEnv;
  clientId: string;
  clientSecret: string;
  /** More flags (Instagram's --redirect-uri). */
  extra?: string[];
}) {
  const child = spawn(
    process.execPath,
    [
      CLI_BIN,
      'accounts',
      'connect',
      args.platform,
      '--no-browser',
      '--client-id',
      args.clientId,
      '--client-secret',
      args.clientSecret,
      ...(args.extra ?? []),
      '--json',
      '--library',
      args.library,
    ],
    { env: { ...process.env, ...args.env } },
  );
  let stdout = '';
  let stderr = '';
  let visited = false;
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => {
    stderr += c.toString();
    const url = /^(https?:\/\/\S+)$/m.exec(stderr)?.[1];
    if (url && !visited) {
      visited = true;
      void (async () => {
        const page = await fetch(url, { redirect: 'manual' });
        const back = page.headers.get('location');
        // A loopback redirect is the CLI's own listener; an https one (Instagram) the user pastes.
        if (back?.startsWith('http://127.0.0.1')) await fetch(back);
        else if (back) child.stdin.write(`${back}\n`);
      })();
    }
  });
  const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
  return {
    code,
    stdout,
    stderr,
    json: () => JSON.parse(stdout) as { account: { id: string; platform: string } },
  };
}

/** A proxy that waits `delayMs` before passing each request on: a slower network, so kills land mid-upload. */
export async function slowProxy(
  target: string,
  delayMs: number,
): Promise<{ origin: string; close(): Promise<void> }> {
  const upstream = new URL(target);
  const server = http.createServer((req, res) => {
    setTimeout(() => {
      const forward = http.request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: req.headers,
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      forward.on('error', () => res.destroy());
      req.pipe(forward);
    }, delayMs);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const exited = (child: ChildProcess) =>
  new Promise((resolve) =>
    child.exitCode !== null || child.signalCode !== null ? resolve(null) : child.once('exit', resolve),
  );

export { runCli };
