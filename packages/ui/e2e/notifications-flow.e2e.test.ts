// @vitest-environment node
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTikTokFake, type TikTokFake } from '@kirinuki/social/fakes/tiktok-fake';
import { startYouTubeFake, type YouTubeFake } from '@kirinuki/social/fakes/youtube-fake';
import { callHost } from './host-api.js';
import { connectInSettings, E2E_APPS, publishLibrary } from './publish-setup.js';
import { hasChromium, launchChromium } from './launch-chromium.js';
import { startServe, type RunningServe } from './serve-kirinuki.js';

const uiRoot = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = path.resolve(uiRoot, '../..');
const artifacts = path.join(repoRoot, 'test-artifacts/ui');
const APPS = E2E_APPS;

interface HostNotification {
  id: string;
  kind: string;
  platform: string | null;
  url: string | null;
  readAt: string | null;
}

// The page's Notification, replaced before any script runs: allowed, and recording what it shows
// (headless Chromium has no notification centre to look at).
const RECORD_NOTIFICATIONS = `
  window.__shown = [];
  window.Notification = class {
    static permission = 'granted';
    static requestPermission() { return Promise.resolve('granted'); }
    constructor(title, options) { window.__shown.push({ title, body: options && options.body, tag: options && options.tag }); }
    close() {}
  };
`;

describe.skipIf(!hasChromium)('the notification centre in Chromium against kirinuki serve', () => {
  let libraryDir: string;
  let clipId: string;
  let tiktok: TikTokFake;
  let youtube: YouTubeFake;
  let serve: RunningServe;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  const shown = () => page.evaluate('window.__shown') as Promise<Array<{ title: string; tag: string }>>;
  const listed = async () =>
    callHost<{ notifications: HostNotification[]; unread: number }>(page, 'notifications.list', {});
  const panelShot = (name: string) => page.screenshot({ path: path.join(artifacts, `${name}.png`) });

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    let clipIds: string[];
    ({ libraryDir, clipIds } = await publishLibrary(repoRoot, uiRoot, 'kirinuki-ui-notifications-', 1));
    clipId = clipIds[0]!;
    // TikTok takes the upload and then fails it in processing; YouTube publishes (with a link).
    tiktok = await startTikTokFake({
      ...APPS.tiktok,
      unaudited: true,
      privacyLevelOptions: ['SELF_ONLY'],
      processingPolls: 0,
      processingFailureRate: 1,
      failReason: 'file_format_check_failed',
    });
    youtube = await startYouTubeFake(APPS.youtube);
    serve = await startServe(repoRoot, libraryDir, {
      KIRINUKI_PLATFORM_ORIGIN_TIKTOK: tiktok.origin,
      KIRINUKI_PLATFORM_ORIGIN_YOUTUBE: youtube.origin,
    });
    context = await launchChromium();
    await context.addInitScript(RECORD_NOTIFICATIONS);
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(serve.openUrl);
    await page.getByTestId('theme-select').selectOption('light');
    await page.getByTestId('locale-select').selectOption('en');
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await serve?.stop();
    await Promise.all([tiktok?.close(), youtube?.close()]);
    if (libraryDir) rmSync(libraryDir, { recursive: true, force: true });
  });

  const connect = (platform: 'tiktok' | 'youtube', accountName: string) =>
    connectInSettings(page, context, {
      platform,
      fakeOrigin: platform === 'tiktok' ? tiktok.origin : youtube.origin,
      accountName,
    });

  it('a publish that goes out and one that fails arrive live, each shown as a system notification once', async () => {
    await page.getByTestId('nav-settings').click();
    await connect('tiktok', 'Kirinuki Tester');
    await connect('youtube', 'Kirinuki Test Channel');
    await page.getByTestId('nav-library').click();
    expect(await page.getByTestId('notification-count').count()).toBe(0);

    await callHost(
      page,
      'posts.publish',
      {
        clipId,
        to: ['tiktok', 'youtube'],
        draft: { title: 'Notification e2e', caption: 'Notification e2e' },
        per: {
          tiktok: { draft: { privacy: 'private' } },
          youtube: { draft: { privacy: 'unlisted', madeForKids: false } },
        },
      },
      'POST',
    );
    const count = page.getByTestId('notification-count');
    try {
      await page.locator('[data-testid="notification-count"]:text-is("2")').waitFor({ timeout: 60_000 });
    } catch (error) {
      const { posts } = await callHost<{ posts: unknown[] }>(page, 'posts.list', { clipId });
      throw new Error(
        `The bell says "${await count.textContent().catch(() => 'nothing')}"; the host has posts ${JSON.stringify(posts)} and ${JSON.stringify(await listed())}\n${(error as Error).message}`,
      );
    }
    const { notifications, unread } = await listed();
    expect(unread).toBe(2);
    expect(notifications.map((n) => `${n.kind}:${n.platform}`).sort()).toEqual([
      'failed:tiktok',
      'published:youtube',
    ]);
    // The page claimed each and showed it; a second claim (another window) is refused.
    await expect
      .poll(async () => (await shown()).map((s) => s.title).sort())
      .toEqual(['Could not post to TikTok', 'Published to YouTube']);
    for (const n of notifications)
      expect(
        await callHost<{ show: boolean }>(page, 'notifications.claimShown', { id: n.id }, 'POST'),
      ).toEqual({
        show: false,
      });
  }, 120_000);

  it('opens the panel: each item with its action; opening marks them read', async () => {
    await page.getByTestId('notification-bell').click();
    const panel = page.getByRole('dialog', { name: 'Notifications' });
    await panel.waitFor();
    const published = panel.locator('[data-testid="notification"][data-kind="published"]');
    const link = published.getByRole('link', { name: 'Open the post' });
    expect(await link.getAttribute('href')).toBe(`https://youtube.com/shorts/${youtube.posts[0]!.id}`);
    const failed = panel.locator('[data-testid="notification"][data-kind="failed"]');
    expect(await failed.getByRole('button', { name: 'Retry' }).count()).toBe(1);
    await expect.poll(async () => (await listed()).unread).toBe(0);
    expect(await page.getByTestId('notification-count').count()).toBe(0);
    await panelShot('notifications-en-light');
    // Escape closes it and gives the bell back its focus.
    await page.keyboard.press('Escape');
    expect(await panel.count()).toBe(0);
    expect(await page.evaluate('document.activeElement?.dataset.testid')).toBe('notification-bell');
  }, 30_000);

  it('retries the failed post from the panel; its new failure arrives as a new notification', async () => {
    await page.getByTestId('notification-bell').click();
    const panel = page.getByTestId('notification-panel');
    await panel
      .locator('[data-testid="notification"][data-kind="failed"]')
      .getByRole('button', { name: 'Retry' })
      .click();
    await panel.getByText('Queued again.').waitFor();
    await page.locator('[data-testid="notification-count"]:text-is("1")').waitFor({ timeout: 60_000 });
    expect(await panel.locator('[data-testid="notification"][data-kind="failed"]').count()).toBe(2);
    await panel.getByTestId('notifications-mark-all').click();
    await expect.poll(async () => (await listed()).unread).toBe(0);
    await page.keyboard.press('Escape');
  }, 90_000);

  it('in Japanese and dark; Settings writes which kinds show as system notifications', async () => {
    await page.getByTestId('locale-select').selectOption('ja');
    await page.getByTestId('theme-select').selectOption('dark');
    await page.getByTestId('notification-bell').click();
    const panel = page.getByRole('dialog', { name: '通知' });
    await panel.getByText('YouTube に公開しました').waitFor();
    expect(await panel.getByRole('button', { name: '再試行' }).count()).toBeGreaterThan(0);
    await panelShot('notifications-ja-dark');
    await page.keyboard.press('Escape');

    await page.getByTestId('nav-settings').click();
    const section = page.getByTestId('notification-settings');
    await section.getByTestId('notify-os-published').uncheck();
    await expect
      .poll(
        async () =>
          (await callHost<{ settings: Record<string, unknown> }>(page, 'settings.get')).settings[
            'notifications.os'
          ],
      )
      .toBe('failed,missed,reconnect,token-expiring');
    await section.scrollIntoViewIfNeeded();
    await section.screenshot({ path: path.join(artifacts, 'notifications-settings-ja-dark.png') });
    await page.getByTestId('theme-select').selectOption('light');
    await page.getByTestId('locale-select').selectOption('en');
    expect(pageErrors, 'errors thrown in the page').toEqual([]);
  }, 30_000);
});
