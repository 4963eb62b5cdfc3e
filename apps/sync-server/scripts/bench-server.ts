// `pnpm bench:server`: an authenticated read procedure of the team server (`teams.list`, a Bearer
// JWT checked and its sign-in looked up, the caller's teams read from SQLite, request logs on, as in
// production) under load from autocannon on loopback, against a bare Fastify route answering the
// same JSON in the same run (goal ≥ 0.5× its requests per second); p50/p99 latency of each.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 10);
const here = path.dirname(fileURLToPath(import.meta.url));
const data = mkdtempSync(path.join(tmpdir(), 'kirinuki-bench-server-'));
const children: ChildProcess[] = [];

function start(script: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    env: { ...process.env, DATABASE_URL: '', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match) {
        resolve(match[1]!);
        child.stdout!.resume(); // the server's request logs: read and dropped
        child.stdout!.removeAllListeners('data');
        child.stdout!.on('data', () => {});
      }
    });
    child.on('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

async function load(url: string, headers: Record<string, string> = {}) {
  await autocannon({ url, connections, duration: 2, headers }); // warm-up
  const result = await autocannon({ url, connections, duration: seconds, headers });
  if (result.non2xx || result.errors)
    throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
  };
}

try {
  const server = await start(path.join(here, '../src/main.ts'), ['--port', '0', '--data', data]);
  const registered = await fetch(`${server}/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: 'bench@example.test',
      password: 'bench password 123',
      teamName: 'Bench team',
    }),
  }).then((r) => r.json() as Promise<{ accessToken: string }>);
  const headers = { authorization: `Bearer ${registered.accessToken}` };
  const procedure = `${server}/trpc/teams.list`;
  const body = await fetch(procedure, { headers }).then((r) => r.text());
  const bare = await start(path.join(here, 'bare-route.ts'), [], { BARE_BODY: body });

  console.log(
    `${connections} connections, ${seconds} s each after a 2 s warm-up; body ${body.length} B: ${body}`,
  );
  const baseline = await load(`${bare}/bare`);
  const ours = await load(procedure, headers);
  const row = (name: string, r: typeof ours) =>
    `${name.padEnd(34)} ${r.rps.toFixed(0).padStart(7)} req/s   p50 ${String(r.p50).padStart(3)} ms   p99 ${String(r.p99).padStart(3)} ms`;
  console.log(row('bare Fastify route (baseline)', baseline));
  console.log(row('teams.list (JWT + session + SQLite)', ours));
  const ratio = ours.rps / baseline.rps;
  console.log(
    `ratio: ${ratio.toFixed(2)}× the bare route's requests per second (goal ≥ 0.5: ${ratio >= 0.5 ? 'met' : 'not met'})`,
  );
  console.log(
    'scheduler claim rate on Postgres with 2 replicas: not measured (the server-side scheduler is not built yet)',
  );
} finally {
  for (const child of children) child.kill('SIGTERM');
  rmSync(data, { recursive: true, force: true });
}
