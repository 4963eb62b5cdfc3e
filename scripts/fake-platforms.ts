// `pnpm fake-platforms`: the four local platform fakes on fixed loopback ports, so the app (or the
// CLI) can be tried end to end on one machine: connect accounts, publish, see the posts arrive.
//
//   pnpm fake-platforms [--faults 0.05] [--port 7701]
//
// It prints the environment to give Kirinuki (each platform's origin) and the developer app each
// fake has registered (client id and secret). Stops on Ctrl-C.
import { parseArgs } from 'node:util';
import { startInstagramFake } from '@kirinuki/social/fakes/instagram-fake';
import { startTikTokFake } from '@kirinuki/social/fakes/tiktok-fake';
import { startXFake } from '@kirinuki/social/fakes/x-fake';
import { startYouTubeFake } from '@kirinuki/social/fakes/youtube-fake';

const { values } = parseArgs({
  options: {
    faults: { type: 'string', default: '0' },
    port: { type: 'string', default: '7701' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  process.stdout.write(
    'pnpm fake-platforms [--faults RATE] [--port FIRST]\n' +
      '  --faults  share of requests answered 5xx, dropped or rate limited (0..0.5, default 0)\n' +
      '  --port    first of four consecutive loopback ports (default 7701)\n',
  );
  process.exit(0);
}
const rate = Number(values.faults);
const first = Number(values.port);
if (!(rate >= 0 && rate <= 0.5) || !Number.isInteger(first) || first < 1024 || first > 65_531) {
  process.stderr.write('error: --faults takes 0..0.5 and --port a port from 1024 to 65531\n');
  process.exit(2);
}
const faults = { serverErrorRate: rate, dropRate: rate, rateLimitRate: rate / 2, seed: Date.now() };
const INSTAGRAM_REDIRECT = 'https://sync.kirinuki.test/oauth/instagram/callback';

const apps = {
  tiktok: { clientId: 'fake-tiktok-app', clientSecret: 'fake-tiktok-secret' },
  instagram: { clientId: 'fake-instagram-app', clientSecret: 'fake-instagram-secret' },
  youtube: { clientId: 'fake-youtube-app.apps.googleusercontent.com', clientSecret: 'fake-youtube-secret' },
  x: { clientId: 'fake-x-app', clientSecret: 'fake-x-secret' },
};

const fakes = {
  tiktok: await startTikTokFake({ ...apps.tiktok, ...faults, processingPolls: 1, port: first }),
  instagram: await startInstagramFake({
    ...apps.instagram,
    ...faults,
    redirectUris: [INSTAGRAM_REDIRECT],
    port: first + 1,
  }),
  youtube: await startYouTubeFake({ ...apps.youtube, ...faults, port: first + 2 }),
  x: await startXFake({ ...apps.x, ...faults, port: first + 3 }),
};

const lines = [
  'Four local platforms are running. Give Kirinuki their origins (same shell, or a .env):',
  '',
  ...Object.entries(fakes).map(
    ([id, fake]) => `  export KIRINUKI_PLATFORM_ORIGIN_${id.toUpperCase()}=${fake.origin}`,
  ),
  '',
  'Then connect an account on each (the fake signs you in at once):',
  '',
  ...Object.entries(apps).map(
    ([id, app]) =>
      `  pnpm kirinuki accounts connect ${id} --client-id ${app.clientId} --client-secret ${app.clientSecret}` +
      (id === 'instagram' ? ` --redirect-uri ${INSTAGRAM_REDIRECT}` : ''),
  ),
  '',
  `Instagram sends the browser to ${INSTAGRAM_REDIRECT}?code=…: paste that address when asked.`,
  `Faults: ${rate ? `${rate * 100}% of requests fail, drop or are rate limited` : 'none'}. Ctrl-C stops.`,
  '',
];
process.stdout.write(lines.join('\n'));

const stop = async () => {
  await Promise.all(Object.values(fakes).map((f) => f.close()));
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
// Every minute, what each fake has received.
setInterval(() => {
  const counts = Object.entries(fakes).map(([id, f]) => `${id} ${f.posts.length}`);
  process.stdout.write(`posts so far: ${counts.join(', ')}\n`);
}, 60_000).unref();
await new Promise(() => undefined);
