// The far side of the throughput bench, in a process of its own as a platform would be: the four
// fakes (no faults) and a plain PUT server doing the fakes' work (keep the bytes, hash them).
// Prints {"put": url, "origins": {platform: origin}} on one line, then serves until killed.
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startBenchFakes } from './bench-fakes.js';

const server = http.createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const digest = createHash('sha256').update(Buffer.concat(chunks)).digest('hex');
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ sha256: digest }));
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const fakes = await startBenchFakes({ faults: 0, seed: 1 });
const origins = Object.fromEntries(
  (['tiktok', 'instagram', 'youtube', 'x'] as const).map((p) => [p, fakes[p].origin]),
);
process.stdout.write(
  `${JSON.stringify({ put: `http://127.0.0.1:${(server.address() as AddressInfo).port}/upload`, origins })}\n`,
);
process.once('SIGTERM', () => void fakes.close().then(() => process.exit(0)));
