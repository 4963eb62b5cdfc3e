import type { ConnectedAccount, PublishPlatform } from '@kirinuki/contracts';
import type { OpenedHost } from '../../src/node/host/open-host.js';
import { BENCH_APPS, INSTAGRAM_REDIRECT } from './bench-fakes.js';

/**
 * Connects one account through the host's real sign-in (PKCE, the loopback listener, or for
 * Instagram the pasted address), as a user who clicks "Allow" at once: the fake redirects straight
 * back, and the bench follows the redirect like the browser would.
 */
export async function connectBenchAccount(
  host: OpenedHost,
  platform: PublishPlatform,
): Promise<ConnectedAccount> {
  let pasted: (url: string) => void = () => undefined;
  const landed = new Promise<string>((resolve) => (pasted = resolve));
  return host.accounts.connect(platform, {
    ...BENCH_APPS[platform],
    ...(platform === 'instagram' ? { redirectUri: INSTAGRAM_REDIRECT, readRedirectedUrl: () => landed } : {}),
    timeoutMs: 60_000,
    onAuthorizeUrl: async (url) => {
      // Answers of the authorize page can meet injected faults too: the "user" reloads.
      for (let attempt = 1; ; attempt++) {
        const page = await fetch(url, { redirect: 'manual' });
        const back = page.headers.get('location');
        if (back) {
          if (back.startsWith('http://127.0.0.1')) void fetch(back).catch(() => undefined);
          else pasted(back);
          return;
        }
        if (attempt >= 5) throw new Error(`${platform} sign-in page answered ${page.status}`);
      }
    },
  });
}
