import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInstagramFake, type InstagramFake } from '@kirinuki/social/fakes/instagram-fake';
import { startYouTubeFake, type YouTubeFake } from '@kirinuki/social/fakes/youtube-fake';
import type { DesktopShell } from '../../../common/desktop-shell.js';
import { openHost, type OpenedHost } from '../../host/open-host.js';
import { createLogger } from '../../logging/create-logger.js';
import { accountsRouter } from './accounts-router.js';

// Sign-ins split in two (begin answers the page, finish waits for the browser) through the real
// host against the YouTube and Instagram fakes: a browser UI opens the page itself.

const REDIRECT = 'https://sync.kirinuki.test/oauth/instagram/callback';
const root = mkdtempSync(path.join(tmpdir(), 'kirinuki-accounts-router-'));
let host: OpenedHost;
let youtube: YouTubeFake;
let instagram: InstagramFake;
const openedOnHost: string[] = [];

const caller = (desktop?: DesktopShell) =>
  accountsRouter.createCaller({ host: { ...host, desktop }, requestId: 'test' });
const youtubeApp = { platform: 'youtube' as const, clientId: 'yt-app', clientSecret: 'yt-secret' };

/** The user's browser on the sign-in page: the fake allows at once and redirects. */
async function allowInBrowser(authorizeUrl: string): Promise<string> {
  const page = await fetch(authorizeUrl, { redirect: 'manual' });
  const back = page.headers.get('location');
  if (!back) throw new Error(`the sign-in page answered ${page.status} without a redirect`);
  if (back.startsWith('http://127.0.0.1')) await fetch(back);
  return back;
}

const refused = (url: string) =>
  fetch(url).then(
    () => false,
    () => true,
  );

beforeAll(async () => {
  youtube = await startYouTubeFake({ clientId: 'yt-app', clientSecret: 'yt-secret' });
  instagram = await startInstagramFake({
    clientId: 'ig-app',
    clientSecret: 'ig-secret',
    redirectUris: [REDIRECT],
  });
  const logger = createLogger({ logDir: null, consoleLevel: 'silent', pretty: false, correlationId: 'test' });
  host = await openHost({ libraryDir: path.join(root, 'library'), logger, run: 'foreground' });
  await host.settings.set('platforms.youtube.origin', youtube.origin);
  await host.settings.set('platforms.instagram.origin', instagram.origin);
}, 60_000);
afterAll(async () => {
  await host?.close();
  await Promise.all([youtube?.close(), instagram?.close()]);
  rmSync(root, { recursive: true, force: true });
});

describe('accounts router: begin, finish, cancel', () => {
  it('answers the page for a browser UI to open, then the account once the browser came back', async () => {
    const started = await caller({ openUrl: async (url) => (openedOnHost.push(url), true) }).beginConnect(
      youtubeApp,
    );
    expect(started).toMatchObject({ platform: 'youtube', receive: 'loopback', opened: false });
    expect(openedOnHost).toEqual([]); // the page opens it, not the host
    expect(started.redirectUri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth\/youtube$/);
    const finished = caller().finishConnect({ signInId: started.signInId });
    await allowInBrowser(started.authorizeUrl);
    const { account } = await finished;
    expect(account).toMatchObject({ platform: 'youtube', status: 'connected' });
    expect((await caller().list()).accounts.map((a) => a.id)).toContain(account.id);
    expect(await refused(started.redirectUri)).toBe(true); // the listener is closed
    await expect(caller().finishConnect({ signInId: started.signInId })).rejects.toMatchObject({
      cause: { code: 'SIGN_IN_FAILED' },
    });
  });

  it('the app’s desktop opens the page on the host when asked to', async () => {
    const desktop: DesktopShell = {
      openUrl: async (url) => (openedOnHost.push(url), void allowInBrowser(url), true),
    };
    const started = await caller(desktop).beginConnect({ platform: 'youtube', openOnHost: true });
    expect(started.opened).toBe(true);
    expect(openedOnHost).toEqual([started.authorizeUrl]);
    const { account } = await caller().finishConnect({ signInId: started.signInId });
    expect(account.platform).toBe('youtube');
  });

  it('cancel stops the wait and closes the listener; a new sign-in replaces one still waiting', async () => {
    const first = await caller().beginConnect({ platform: 'youtube' });
    const waiting = expect(caller().finishConnect({ signInId: first.signInId })).rejects.toMatchObject({
      cause: { name: 'AbortError' },
    });
    const second = await caller().beginConnect({ platform: 'youtube' });
    await waiting;
    expect(await refused(first.redirectUri)).toBe(true);
    const stopped = expect(caller().finishConnect({ signInId: second.signInId })).rejects.toMatchObject({
      cause: { name: 'AbortError' },
    });
    expect(await caller().cancelConnect({ signInId: second.signInId })).toEqual({ cancelled: true });
    await stopped;
    expect(await refused(second.redirectUri)).toBe(true);
    expect(await caller().cancelConnect({ signInId: second.signInId })).toEqual({ cancelled: false });
  });

  it('a sign-in nobody finishes ends by itself at its timeout, and an aborted wait ends it', async () => {
    const started = await host.accounts.beginConnect('youtube', { timeoutMs: 300 });
    await expect(host.accounts.finishConnect(started.signInId)).rejects.toMatchObject({
      code: 'SIGN_IN_FAILED',
      message: expect.stringContaining('in time'),
    });
    expect(await refused(started.redirectUri)).toBe(true);

    const abandoned = await host.accounts.beginConnect('youtube', {});
    const controller = new AbortController();
    const wait = expect(
      host.accounts.finishConnect(abandoned.signInId, { signal: controller.signal }),
    ).rejects.toMatchObject({ name: 'AbortError' });
    controller.abort();
    await wait;
    expect(await refused(abandoned.redirectUri)).toBe(true);
  });

  it('Instagram: the registered redirect is saved, a wrong paste keeps waiting, the right one connects', async () => {
    await expect(
      caller().beginConnect({ platform: 'instagram', clientId: 'ig-app', clientSecret: 'ig-secret' }),
    ).rejects.toMatchObject({ cause: { code: 'NOT_SUPPORTED' } });
    const started = await caller().beginConnect({ platform: 'instagram', redirectUri: REDIRECT });
    expect(started).toMatchObject({ receive: 'paste', redirectUri: REDIRECT, opened: false });
    const landed = await allowInBrowser(started.authorizeUrl);
    expect(landed.startsWith(REDIRECT)).toBe(true);
    await expect(
      caller().finishConnect({ signInId: started.signInId, redirectedUrl: 'https://evil.example/?code=x' }),
    ).rejects.toMatchObject({ cause: { code: 'SIGN_IN_FAILED' } });
    const { account } = await caller().finishConnect({ signInId: started.signInId, redirectedUrl: landed });
    expect(account).toMatchObject({ platform: 'instagram', status: 'connected' });
    // Saved: the next sign-in needs no redirect again.
    const again = await caller().beginConnect({ platform: 'instagram' });
    expect(again.redirectUri).toBe(REDIRECT);
    await caller().cancelConnect({ signInId: again.signInId });
  });
});
