import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { PublishPlatform } from '@kirinuki/contracts';
import { createPlatformClient, newSignIn, type PlatformClient } from '@kirinuki/social';
import { BENCH_APPS, INSTAGRAM_REDIRECT } from './bench-fakes.js';

const ROUNDS = 4;

export interface ThroughputResult {
  platform: PublishPlatform;
  clientMiBs: number;
  putMiBs: number;
  ratio: number;
}

/** The fakes and the PUT server in a child process (a platform is not in our process either). */
async function startServers(): Promise<{
  put: string;
  origins: Record<PublishPlatform, string>;
  close(): void;
}> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(new URL('./throughput-servers.ts', import.meta.url))],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const [line] = (await once(createInterface({ input: child.stdout! }), 'line')) as [string];
  const found = JSON.parse(line) as { put: string; origins: Record<PublishPlatform, string> };
  return { ...found, close: () => void child.kill('SIGTERM') };
}

/** One plain PUT of the whole file (1 MiB reads piped into http.request: Node's fastest plain way), in seconds. */
async function timePlainPut(url: string, file: string, size: number): Promise<number> {
  const started = process.hrtime.bigint();
  await new Promise<void>((resolve, reject) => {
    const req = http.request(url, { method: 'PUT', headers: { 'content-length': size } }, (res) => {
      res.resume();
      res.once('end', () =>
        res.statusCode === 200 ? resolve() : reject(new Error(`PUT ${res.statusCode}`)),
      );
    });
    req.once('error', reject);
    createReadStream(file, { highWaterMark: 1024 * 1024 }).pipe(req);
  });
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** Signs in to a fake as the user who allows at once, without a listener: the redirect's address is enough. */
async function signIn(client: PlatformClient, platform: PublishPlatform) {
  const credentials = BENCH_APPS[platform];
  const redirect = client.redirect;
  const redirectUri =
    redirect.kind === 'https-registered'
      ? INSTAGRAM_REDIRECT
      : `http://127.0.0.1:${redirect.kind === 'loopback-fixed-port' ? redirect.port : 49_152}${redirect.path}`;
  const request = await newSignIn();
  const page = await fetch(
    client.authorizeUrl(credentials, {
      redirectUri,
      state: request.state,
      codeChallenge: request.codeChallenge,
    }),
    { redirect: 'manual' },
  );
  const url = page.headers.get('location');
  if (!url) throw new Error(`${platform}: the fake's sign-in page answered ${page.status}`);
  return client.exchangeCode(credentials, {
    url,
    state: request.state,
    codeVerifier: request.codeVerifier,
    redirectUri,
  });
}

/**
 * Each platform client's upload of one `mib` MiB file to its fake (no faults), against a plain
 * PUT of the same file to a server that does the fakes' work (keep, hash), both servers in a
 * process of their own. The two alternate,
 * four rounds each, and the fastest of each is kept, both in this run. The client's time runs from the start of its publish
 * (sign-in done, limits read) to the platform's acknowledgement of the last byte: its init
 * calls and chunking are in it, the platform's processing afterwards is not.
 */
export async function measureThroughput(options: { mib: number; dir: string }): Promise<ThroughputResult[]> {
  const size = options.mib * 1024 * 1024;
  const file = path.join(options.dir, 'throughput.bin');
  writeFileSync(file, randomBytes(size));
  const servers = await startServers();
  const results: ThroughputResult[] = [];
  try {
    for (const platform of ['tiktok', 'instagram', 'youtube', 'x'] as const) {
      const client = createPlatformClient(platform, { origin: servers.origins[platform] });
      const tokens = await signIn(client, platform);
      const extra = tokens.extra ?? {};
      const limits = await client.limits(tokens.accessToken, extra);
      const privacy = { tiktok: 'private', youtube: 'unlisted' } as const;
      const timeClient = async (round: number) => {
        const post = client.adapt(
          {
            id: `throughput-${round}`,
            title: `Throughput ${round}`,
            text: '',
            hashtags: [],
            reasons: [],
            durationSec: 30,
            width: 1080,
            height: 1920,
            sizeBytes: size,
          },
          {
            caption: `Throughput round ${round}`,
            ...(platform === 'tiktok' || platform === 'youtube' ? { privacy: privacy[platform] } : {}),
            ...(platform === 'youtube' ? { madeForKids: false } : {}),
          },
          limits,
        );
        // Upload throughput: until the platform took the last byte and the client moved on (X's
        // finalize answered, TikTok's last chunk, YouTube's 201, Instagram's upload answer); the
        // platform's processing after that is its own time, not the upload's.
        const started = process.hrtime.bigint();
        let allBytes: bigint | null = null;
        let movedOn: bigint | null = null;
        await client.publish(post, {
          signal: AbortSignal.timeout(600_000),
          accessToken: async () => tokens.accessToken,
          tokenExtra: extra,
          file: { path: file, size },
          resume: null,
          saveState: async () => undefined,
          onProgress: (p) => {
            if (p.bytesSent < size) return;
            allBytes ??= process.hrtime.bigint();
            if (p.stage !== 'uploading') movedOn ??= process.hrtime.bigint();
          },
        });
        return Number((movedOn ?? allBytes ?? process.hrtime.bigint()) - started) / 1e9;
      };
      // Alternating, so a slow moment of the machine falls on both; the best of each is kept.
      let clientSec = Infinity;
      let putSec = Infinity;
      for (let round = 1; round <= ROUNDS; round++) {
        clientSec = Math.min(clientSec, await timeClient(round));
        putSec = Math.min(putSec, await timePlainPut(servers.put, file, size));
      }
      const clientMiBs = options.mib / clientSec;
      const putMiBs = options.mib / putSec;
      results.push({ platform, clientMiBs, putMiBs, ratio: clientMiBs / putMiBs });
    }
  } finally {
    servers.close();
  }
  return results;
}
