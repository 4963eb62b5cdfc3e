// The baseline of `pnpm bench:server`: a bare Fastify route answering a fixed JSON body (given in
// BARE_BODY), no auth, no database, no logger.
import Fastify from 'fastify';

const body = process.env.BARE_BODY ?? '{}';
const app = Fastify();
app.get('/bare', async (_request, reply) => reply.header('content-type', 'application/json').send(body));
await app.listen({ host: '127.0.0.1', port: 0 });
const address = app.server.address();
process.stdout.write(
  `listening on http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}\n`,
);
process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
