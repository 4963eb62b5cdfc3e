// @vitest-environment node
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DateTime } from 'luxon';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTikTokFake, type TikTokFake } from '@kirinuki/social/fakes/tiktok-fake';
import { callHost } from './host-api.js';
import { connectInSettings, E2E_APPS, publishLibrary } from './publish-setup.js';
import { hasChromium, launchChromium } from './launch-chromium.js';
import { startServe, type RunningServe } from './serve-kirinuki.js';

const uiRoot = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = path.resolve(uiRoot, '../..');
const artifacts = path.join(repoRoot, 'test-artifacts/ui');
const TIKTOK_APP = E2E_APPS.tiktok;
/** Not the machine's zone (UTC here): the calendar must show and send times in the setting's. */
const ZONE = 'Asia/Tokyo';
/** Next week, so nothing comes due while the test runs. */
const monday = DateTime.now().setZone(ZONE).startOf('week').plus({ weeks: 1 });
const dayOf = (days: number) => monday.plus({ days }).toISODate()!;
const instant = (days: number, hour: number) => monday.plus({ days }).set({ hour }).toMillis();

interface HostPost {
  id: string;
  clipId: string;
  platform: string;
  status: string;
  at: string | null;
}

describe.skipIf(!hasChromium)('the calendar in Chromium against kirinuki serve and the TikTok fake', () => {
  let libraryDir: string;
  let clipIds: string[];
  let tiktok: TikTokFake;
  let serve: RunningServe;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  const shot = (name: string) => page.screenshot({ path: path.join(artifacts, `${name}.png`) });
  const slot = (days: number, hour: number) =>
    page.locator(`[data-slot="slot:${dayOf(days)}T${String(hour).padStart(2, '0')}"]`);
  const scheduled = async () =>
    (await callHost<{ posts: HostPost[] }>(page, 'posts.list', { status: ['scheduled'] })).posts;
  const savedAt = async () => {
    const posts = await scheduled();
    expect(posts).toHaveLength(1);
    return Date.parse(posts[0]!.at!);
  };

  /** The chip in a slot, once it is there (a screenshot of the page if it never comes). */
  async function chipIn(days: number, hour: number) {
    const chip = slot(days, hour).getByTestId('post-chip');
    try {
      await chip.waitFor({ timeout: 8000 });
    } catch (error) {
      await shot(`calendar-failed-${days}-${hour}`);
      throw error;
    }
    return chip;
  }

  /** A pointer drag as dnd-kit sees one: press, a few small moves past its 6 px threshold, then over the target. */
  async function drag(from: Locator, to: Locator) {
    // Away from the grid's edges, where dnd-kit scrolls it under the pointer.
    await from.evaluate((el) => el.scrollIntoView({ block: 'center', inline: 'nearest' }));
    await to.scrollIntoViewIfNeeded();
    const a = (await from.boundingBox())!;
    const b = (await to.boundingBox())!;
    await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await page.mouse.down();
    await page.mouse.move(a.x + a.width / 2 + 12, a.y + a.height / 2 + 8, { steps: 4 });
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
    await page.mouse.up();
  }

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    ({ libraryDir, clipIds } = await publishLibrary(repoRoot, uiRoot, 'kirinuki-ui-calendar-', 2));
    tiktok = await startTikTokFake({
      ...TIKTOK_APP,
      unaudited: true,
      privacyLevelOptions: ['SELF_ONLY'],
      processingPolls: 0,
    });
    serve = await startServe(repoRoot, libraryDir, { KIRINUKI_PLATFORM_ORIGIN_TIKTOK: tiktok.origin });
    context = await launchChromium();
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(serve.openUrl);
    await page.getByTestId('theme-select').selectOption('light');
    await page.getByTestId('locale-select').selectOption('en');
    await callHost(page, 'clips.setStatus', { ids: clipIds, status: 'approved' }, 'POST');
    await callHost(page, 'settings.set', { key: 'scheduling.timezone', value: ZONE }, 'POST');
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await serve?.stop();
    await tiktok?.close();
    if (libraryDir) rmSync(libraryDir, { recursive: true, force: true });
  });

  it('connects TikTok (the sign-in tab approves at once)', async () => {
    await page.getByTestId('nav-settings').click();
    await connectInSettings(page, context, {
      platform: 'tiktok',
      fakeOrigin: tiktok.origin,
      accountName: 'Kirinuki Tester',
    });
  }, 30_000);

  it('schedules an approved clip dragged from the rail onto next Tuesday 19:00 (Tokyo)', async () => {
    await page.getByTestId('nav-calendar').click();
    await page.getByTestId('calendar-next').click();
    expect(await page.getByTestId('calendar-zone').textContent()).toBe('Times in Asia/Tokyo (GMT+9)');
    const rail = page.getByTestId('rail-clip');
    await expect.poll(() => rail.count()).toBe(2);
    await drag(rail.first(), slot(1, 19));

    const dialog = page.getByTestId('publish-dialog');
    await dialog.getByTestId('schedule-when').waitFor();
    expect(await dialog.getByTestId('schedule-date').inputValue()).toBe(dayOf(1));
    expect(await dialog.getByTestId('schedule-time').inputValue()).toBe('19:00');
    await dialog.getByTestId('choose-tiktok').check();
    const privacy = dialog.getByTestId('privacy-tiktok');
    await expect.poll(() => privacy.locator('option').count()).toBe(2);
    await privacy.selectOption('private');
    const submit = dialog.getByTestId('publish-submit');
    await expect.poll(() => submit.isDisabled()).toBe(false);
    expect(await submit.textContent()).toBe('Schedule for 1 platform');
    await shot('calendar-schedule-form-en-light');
    await submit.click();
    await page.getByTestId('schedule-outcome').waitFor();
    expect(await dialog.count()).toBe(0);

    expect(await savedAt()).toBe(instant(1, 19));
    const [post] = await scheduled();
    expect(post).toMatchObject({ platform: 'tiktok', status: 'scheduled' });
    const chip = slot(1, 19).getByTestId('post-chip');
    expect(await chip.getAttribute('data-post-id')).toBe(post!.id);
    expect(await chip.textContent()).toContain('TikTok');
    await shot('calendar-week-en-light');
  }, 30_000);

  it('moves the chip by drag to Thursday 15:00 (in Japanese), and Undo puts it back', async () => {
    await page.getByTestId('locale-select').selectOption('ja');
    expect(await page.getByTestId('calendar-zone').textContent()).toBe('時刻は Asia/Tokyo (GMT+9)');
    await drag(slot(1, 19).getByTestId('post-chip'), slot(3, 15));
    await chipIn(3, 15);
    await expect.poll(savedAt).toBe(instant(3, 15));
    await shot('calendar-week-ja-light');

    await page.getByTestId('theme-select').selectOption('dark');
    await page.getByTestId('calendar-undo').click();
    await chipIn(1, 19);
    await expect.poll(savedAt).toBe(instant(1, 19));
    await shot('calendar-week-ja-dark');
  }, 30_000);

  it('moves by keyboard and undoes with Ctrl+Z; month and queue views (English, dark)', async () => {
    await page.getByTestId('locale-select').selectOption('en');
    const chip = slot(1, 19).getByTestId('post-chip');
    await chip.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    expect(await page.getByTestId('calendar-cursor').textContent()).toContain('Move to');
    await page.keyboard.press('Enter');
    await chipIn(2, 20);
    await expect.poll(savedAt).toBe(instant(2, 20));
    await shot('calendar-week-en-dark');
    await page.keyboard.press('Control+z');
    await chipIn(1, 19);
    await expect.poll(savedAt).toBe(instant(1, 19));

    await page.getByTestId('calendar-view-month').click();
    if (!monday.plus({ days: 1 }).hasSame(DateTime.now().setZone(ZONE), 'month'))
      await page.getByTestId('calendar-next').click();
    await page.locator(`[data-slot="day:${dayOf(1)}"] [data-testid="post-chip"]`).waitFor();
    await shot('calendar-month-en-dark');
    await page.getByTestId('calendar-view-list').click();
    await page.getByTestId('queue-row').waitFor();
    await shot('calendar-list-en-dark');
    await page.getByTestId('locale-select').selectOption('ja');
    await shot('calendar-list-ja-dark');
    await page.getByTestId('theme-select').selectOption('light');
    await page.getByTestId('locale-select').selectOption('en');
    expect(pageErrors, 'errors thrown in the page').toEqual([]);
  }, 30_000);

  it('schedules an approved clip dragged on the review board onto tomorrow 18:00 of its strip (Japanese, dark)', async () => {
    await page.getByTestId('theme-select').selectOption('dark');
    await page.getByTestId('locale-select').selectOption('ja');
    await page.getByTestId('nav-board').click();
    const select = page.getByTestId('board-video-select');
    await select.selectOption({ index: 1 });
    const approved = page.getByTestId('lane-approved').getByTestId('clip-card');
    await expect.poll(() => approved.count()).toBe(2);
    const tomorrow = DateTime.now().setZone(ZONE).plus({ days: 1 }).startOf('day');
    const target = page.locator(`[data-slot="strip:${tomorrow.toISODate()}T18"]`);
    expect(await target.getAttribute('aria-label')).toContain('18時');
    const clipId = (await approved.nth(1).getAttribute('data-clip-id'))!;
    await drag(approved.nth(1), target);

    const dialog = page.getByTestId('publish-dialog');
    await dialog.getByTestId('schedule-when').waitFor();
    expect(await dialog.getByTestId('schedule-date').inputValue()).toBe(tomorrow.toISODate());
    expect(await dialog.getByTestId('schedule-time').inputValue()).toBe('18:00');
    await dialog.getByTestId('choose-tiktok').check();
    const privacy = dialog.getByTestId('privacy-tiktok');
    await expect.poll(() => privacy.locator('option').count()).toBe(2);
    await privacy.selectOption('private');
    const submit = dialog.getByTestId('publish-submit');
    await expect.poll(() => submit.isDisabled()).toBe(false);
    await shot('board-strip-schedule-form-ja-dark');
    await submit.click();
    await page.getByTestId('schedule-outcome').waitFor();
    await shot('board-strip-scheduled-ja-dark');

    const fromBoard = (await scheduled()).filter(
      (p) => Date.parse(p.at!) === tomorrow.set({ hour: 18 }).toMillis(),
    );
    expect(fromBoard).toHaveLength(1);
    expect(fromBoard[0]).toMatchObject({ clipId, platform: 'tiktok', status: 'scheduled' });
    expect(await scheduled()).toHaveLength(2);
    expect(pageErrors, 'errors thrown in the page').toEqual([]);
  }, 30_000);
});
