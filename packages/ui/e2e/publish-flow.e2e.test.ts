// @vitest-environment node
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startInstagramFake, type InstagramFake } from '@kirinuki/social/fakes/instagram-fake';
import { startTikTokFake, type TikTokFake } from '@kirinuki/social/fakes/tiktok-fake';
import { startYouTubeFake, type YouTubeFake } from '@kirinuki/social/fakes/youtube-fake';
import { callHost } from './host-api.js';
import { connectInSettings, E2E_APPS, publishLibrary } from './publish-setup.js';
import { hasChromium, launchChromium } from './launch-chromium.js';
import { startServe, type RunningServe } from './serve-kirinuki.js';

const run = promisify(execFile);
const uiRoot = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = path.resolve(uiRoot, '../..');
const artifacts = path.join(repoRoot, 'test-artifacts/ui');
/** The developer apps the fakes have registered: what the user types into Settings → Accounts. */
const APPS = E2E_APPS;
/** Instagram returns only to a registered https address (the team's sync server, one day). */
const INSTAGRAM_REDIRECT = 'https://sync.kirinuki.test/oauth/instagram/callback';

interface HostPost {
  id: string;
  platform: string;
  status: string;
  remoteId: string | null;
  url: string | null;
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe.skipIf(!hasChromium)('publishing in Chromium against kirinuki serve and the platform fakes', () => {
  let libraryDir: string;
  let clipId: string;
  let tiktok: TikTokFake;
  let youtube: YouTubeFake;
  let instagram: InstagramFake;
  let serve: RunningServe;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  const shot = (name: string) =>
    page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
  const kirinukiJson = async <T>(args: string[]) =>
    JSON.parse(
      (
        await run(
          process.execPath,
          ['apps/desktop/bin/kirinuki.js', ...args, '--json', '--library', libraryDir],
          {
            cwd: repoRoot,
          },
        )
      ).stdout,
    ) as T;

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    let clipIds: string[];
    ({ libraryDir, clipIds } = await publishLibrary(repoRoot, uiRoot, 'kirinuki-ui-publish-', 1));
    clipId = clipIds[0]!;
    tiktok = await startTikTokFake({
      ...APPS.tiktok,
      unaudited: true,
      privacyLevelOptions: ['SELF_ONLY'],
      processingPolls: 0,
    });
    youtube = await startYouTubeFake(APPS.youtube);
    instagram = await startInstagramFake({ ...APPS.instagram, redirectUris: [INSTAGRAM_REDIRECT] });
    serve = await startServe(repoRoot, libraryDir, {
      KIRINUKI_PLATFORM_ORIGIN_TIKTOK: tiktok.origin,
      KIRINUKI_PLATFORM_ORIGIN_YOUTUBE: youtube.origin,
      KIRINUKI_PLATFORM_ORIGIN_INSTAGRAM: instagram.origin,
    });
    context = await launchChromium();
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(serve.openUrl);
    await page.getByTestId('theme-select').selectOption('light');
    await page.getByTestId('locale-select').selectOption('en');
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await serve?.stop();
    await Promise.all([tiktok?.close(), youtube?.close(), instagram?.close()]);
    if (libraryDir) rmSync(libraryDir, { recursive: true, force: true });
  });

  /**
   * Connect <platform> as a user does: the developer app typed in, the sign-in page opened in a new
   * tab (the fake approves at once and sends the browser to the host's loopback callback).
   */
  const connect = (platform: 'tiktok' | 'youtube', accountName: string) =>
    connectInSettings(page, context, {
      platform,
      fakeOrigin: platform === 'tiktok' ? tiktok.origin : youtube.origin,
      accountName,
    });

  it('connects TikTok and YouTube from Settings → Accounts through the browser sign-in', async () => {
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('accounts-section').waitFor();
    await connect('tiktok', 'Kirinuki Tester');
    await connect('youtube', 'Kirinuki Test Channel');
    const tiktokRow = page.getByTestId('accounts-tiktok').getByTestId('account-row');
    expect(await tiktokRow.getAttribute('data-status')).toBe('connected');
    // The host has them, with the fakes' names; the tokens went to the fakes' token endpoints.
    const { accounts } = await callHost<{
      accounts: Array<{ platform: string; name: string; status: string }>;
    }>(page, 'accounts.list');
    expect(accounts.map((a) => `${a.platform}:${a.name}:${a.status}`).sort()).toEqual([
      'tiktok:Kirinuki Tester:connected',
      'youtube:Kirinuki Test Channel:connected',
    ]);
    expect(tiktok.counts.tokenRequests).toBe(1);
    expect(youtube.counts.tokenRequests).toBe(1);
    await page.getByTestId('accounts-section').scrollIntoViewIfNeeded();
    await page
      .getByTestId('accounts-section')
      .screenshot({ path: path.join(artifacts, 'publish-accounts-en-light.png') });
  }, 60_000);

  it('connects Instagram through its https redirect: a pasted address elsewhere is refused, the landed one connects', async () => {
    // No such server here: the browser's landing on it is answered in the browser.
    await context.route(`${INSTAGRAM_REDIRECT}**`, (route) =>
      route.fulfill({ contentType: 'text/html', body: '<p>Signed in: copy this address.</p>' }),
    );
    const section = page.getByTestId('accounts-instagram');
    await section.getByTestId('connect-instagram').click();
    const form = section.getByTestId('developer-app-instagram');
    await form.getByTestId('developer-app-client-id').fill(APPS.instagram.clientId);
    await form.getByTestId('developer-app-client-secret').fill(APPS.instagram.clientSecret);
    await form.getByTestId('developer-app-redirect-uri').fill(INSTAGRAM_REDIRECT);
    const signInTab = context.waitForEvent('page');
    await form.getByRole('button', { name: 'Save and connect' }).click();
    const tab = await signInTab;
    await tab.waitForURL((url) => url.href.startsWith(`${INSTAGRAM_REDIRECT}?`), { timeout: 15_000 });
    const landed = tab.url();
    expect(new URL(landed).searchParams.get('code')).toBeTruthy();
    await tab.close();

    const pasted = section.getByTestId('sign-in-pasted');
    const finish = section.getByRole('button', { name: 'Finish sign-in' });
    await pasted.fill(landed.replace('https://sync.kirinuki.test', 'https://evil.example'));
    await finish.click();
    const alert = section.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('SIGN_IN_FAILED');
    await shot('publish-accounts-instagram-refused-en-light');
    // Still waiting: the address the browser really landed on finishes it.
    await pasted.fill(landed);
    await finish.click();
    await section
      .getByTestId('account-row')
      .filter({ hasText: 'kirinuki.test' })
      .waitFor({ timeout: 15_000 });
    expect(await section.getByRole('alert').count()).toBe(0);
    const { accounts } = await callHost<{ accounts: Array<{ platform: string; status: string }> }>(
      page,
      'accounts.list',
    );
    expect(accounts.filter((a) => a.platform === 'instagram').map((a) => a.status)).toEqual(['connected']);
  }, 60_000);

  it('publishes a clip from the board to TikTok and YouTube; each fake gets its render byte for byte', async () => {
    await page.getByTestId('nav-library').click();
    await page.getByTestId('video-row').getByRole('button', { name: 'Review clips' }).click();
    const card = page.locator(`[data-clip-id="${clipId}"]`);
    await card.click();
    await page.getByTestId('board-publish').click();
    const dialog = page.getByTestId('publish-dialog');
    await dialog.getByTestId('choose-tiktok').check();
    await dialog.getByTestId('choose-youtube').check();
    // TikTok offers what creator_info says (an unaudited app: Only me), and nothing is chosen for the user.
    const tiktokPrivacy = dialog.getByTestId('privacy-tiktok');
    await expect
      .poll(() => tiktokPrivacy.locator('option').allTextContents())
      .toEqual(['Choose…', 'Only me']);
    expect(await tiktokPrivacy.inputValue()).toBe('');
    const submit = dialog.getByTestId('publish-submit');
    expect(await submit.isDisabled()).toBe(true);
    await shot('publish-unanswered-en-light');
    await tiktokPrivacy.selectOption('private');
    await dialog.getByTestId('privacy-youtube').selectOption('unlisted');
    expect(await submit.isDisabled()).toBe(true); // made for kids is not answered yet
    await dialog.getByLabel('No, it’s not made for kids').check();
    await expect.poll(() => submit.isDisabled()).toBe(false);
    await shot('publish-answered-en-light');
    await submit.click();

    const row = (platform: string) => dialog.locator(`[data-testid="post-row"][data-platform="${platform}"]`);
    for (const platform of ['tiktok', 'youtube']) {
      try {
        await dialog
          .locator(`[data-testid="post-row"][data-platform="${platform}"][data-status="published"]`)
          .waitFor({ timeout: 45_000 });
      } catch (error) {
        const { posts } = await callHost<{ posts: unknown[] }>(page, 'posts.list', { clipId });
        throw new Error(
          `The ${platform} post is not published: the row says "${await row(platform).textContent()}"; the host has ${JSON.stringify(posts)}\n${(error as Error).message}`,
        );
      }
    }
    await dialog.getByText('Every post is out.').waitFor();
    // YouTube gives the Short's address; TikTok's API gives none for a private post, and says so.
    const link = row('youtube').getByRole('link', { name: 'Open the YouTube post' });
    expect(youtube.posts).toHaveLength(1);
    expect(await link.getAttribute('href')).toBe(`https://youtube.com/shorts/${youtube.posts[0]!.id}`);
    expect(await row('tiktok').textContent()).toContain(
      'TikTok gives no link to this post: find it in the TikTok app.',
    );
    await shot('publish-done-en-light');

    // Exactly one post on each platform, each the bytes of the render made for its preset.
    expect(tiktok.posts).toHaveLength(1);
    expect(tiktok.posts[0]).toMatchObject({ privacyLevel: 'SELF_ONLY', status: 'published' });
    expect(youtube.posts[0]).toMatchObject({ privacyStatus: 'unlisted', selfDeclaredMadeForKids: false });
    const { events } = await kirinukiJson<{
      events: Array<{ type: string; payload: { preset: string; output: string } }>;
    }>(['events']);
    const renderOf = (preset: string) =>
      events.find((e) => e.type === 'ClipRendered' && e.payload.preset === preset)!.payload.output;
    expect(tiktok.posts[0]!.sha256).toBe(sha256(renderOf('tiktok')));
    expect(youtube.posts[0]!.sha256).toBe(sha256(renderOf('shorts')));
    const { posts } = await callHost<{ posts: HostPost[] }>(page, 'posts.list', { clipId });
    expect(posts.map((p) => `${p.platform}:${p.status}`).sort()).toEqual([
      'tiktok:published',
      'youtube:published',
    ]);
  }, 60_000);

  it('shows the same posts in Japanese, light and dark', async () => {
    const dialog = page.getByTestId('publish-dialog');
    await page.getByTestId('locale-select').selectOption('ja');
    await dialog.getByText('すべての投稿が完了しました。').waitFor();
    const rows = dialog.getByTestId('post-row');
    expect(await rows.locator('.badge').allTextContents()).toEqual(['公開済み', '公開済み']);
    expect(await rows.first().textContent()).toContain('TikTok はこの投稿のリンクを返しません。');
    expect(await rows.last().getByRole('link', { name: 'YouTube の投稿を開く' }).count()).toBe(1);
    await shot('publish-done-ja-light');
    await page.getByTestId('theme-select').selectOption('dark');
    await shot('publish-done-ja-dark');
    await dialog.getByRole('button', { name: '閉じる' }).click();
    await page.getByTestId('nav-settings').click();
    await page.getByTestId('accounts-section').scrollIntoViewIfNeeded();
    await page
      .getByTestId('accounts-section')
      .screenshot({ path: path.join(artifacts, 'publish-accounts-ja-dark.png') });
    expect(await page.getByTestId('accounts-tiktok').getByTestId('account-row').textContent()).toContain(
      '接続済み',
    );
    await page.getByTestId('theme-select').selectOption('light');
    await page.getByTestId('locale-select').selectOption('en');
    expect(pageErrors, 'errors thrown in the page').toEqual([]);
  }, 30_000);
});
