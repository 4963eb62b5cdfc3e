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

const ROUNDS = 6;

export interface ThroughputResult {
  platform: PublishPlatform;
  /** The best round of each (MiB/s). */
  clientMiBs: number;
  putMiBs: number;
  /** The median over rounds of client ÷ PUT, each round's two measured back to back: the figure judged. */
  ratio: number;
  /** Best client ÷ best PUT (for reference: one quiet moment of either sways it). */
  bestRatio: number;
  /** Every round's MiB/s, in order (the best of each is kept). */
  clientRounds: number[];
  putRounds: number[];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
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
 * process of their own. The two alternate, six rounds each; each round's client upload and PUT run
 * back to back, so a slow moment of this shared 2-core machine mostly falls on both, and the
 * median of the rounds' ratios is the figure judged (the best of each is printed beside it). The client's time runs from the start of its publish
 * (sign-in done, limits read) to the platform's acknowledgement of the last byte: its init
 * calls and chunking are in it, the platform's processing afterwards is not.
 */
export async function measureThroughput(options: { mib: number; dir: string }): Promise<ThroughputResult[]> {
  const size = options.mib * 1024 * 1024;
  const file = path.join(options.dir, 'throughput.bin');
  writeFileSync(file, randomBytes(size));
  const results: ThroughputResult[] = [];
  // Each platform against servers started for it: what one platform's fake keeps (and the warm-up
  // of the PUT path) does not weigh on the next one's turn.
  for (const platform of ['tiktok', 'instagram', 'youtube', 'x'] as const) {
    const servers = await startServers();
    try {
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
      const clientRounds: number[] = [];
      const putRounds: number[] = [];
      for (let round = 1; round <= ROUNDS; round++) {
        clientRounds.push(options.mib / (await timeClient(round)));
        putRounds.push(options.mib / (await timePlainPut(servers.put, file, size)));
      }
      const clientMiBs = Math.max(...clientRounds);
      const putMiBs = Math.max(...putRounds);
      const ratio = median(clientRounds.map((c, i) => c / putRounds[i]!));
      results.push({
        platform,
        clientMiBs,
        putMiBs,
        ratio,
        bestRatio: clientMiBs / putMiBs,
        clientRounds,
        putRounds,
      });
    } finally {
      servers.close();
    }
  }
  return results;
}
