// @vitest-environment node
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUi } from './build-ui.js';
import { hasChromium, launchChromium } from './launch-chromium.js';
import { seedProposals } from './seed-proposals.js';
import { startServe, type RunningServe } from './serve-kirinuki.js';

const uiRoot = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = path.resolve(uiRoot, '../..');
const fixture = path.join(repoRoot, 'fixtures/media/testsrc-2s-320x240.mp4');
const artifacts = path.join(repoRoot, 'test-artifacts/ui');

describe.skipIf(!hasChromium)('Kirinuki in Chromium against kirinuki serve', () => {
  let libraryDir: string;
  let serve: RunningServe;
  let context: BrowserContext;
  let page: Page;
  let videoId: string;

  const shot = (name: string) =>
    page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
  /** Calls a query the way the page does: same origin, cookie auth. */
  const query = <T>(procedure: string, input: unknown) =>
    page.evaluate(
      async ([p, i]) => {
        const response = await fetch(`/trpc/${p}?input=${encodeURIComponent(JSON.stringify(i))}`);
        return ((await response.json()) as { result: { data: unknown } }).result.data;
      },
      [procedure, input] as const,
    ) as Promise<T>;
  const laneIds = async (status: string) =>
    (
      await query<{ clips: Array<{ id: string; status: string; position: number }> }>('clips.list', {
        videoId,
      })
    ).clips
      .filter((c) => c.status === status)
      .sort((a, b) => a.position - b.position)
      .map((c) => c.id);

  beforeAll(async () => {
    mkdirSync(artifacts, { recursive: true });
    await buildUi(uiRoot);
    libraryDir = mkdtempSync(path.join(tmpdir(), 'kirinuki-ui-lib-'));
    serve = await startServe(repoRoot, libraryDir);
    context = await launchChromium();
    page = await context.newPage();
    page.on('pageerror', (error) => console.error('page error:', error));
    await page.goto(serve.openUrl);
    await page.getByTestId('import-drop-zone').waitFor();
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    await serve?.stop();
    if (libraryDir) rmSync(libraryDir, { recursive: true, force: true });
  });

  it('imports a file by its path on the host and lists it', async () => {
    await page.getByTestId('theme-select').selectOption('light');
    await page.getByTestId('locale-select').selectOption('en');
    await shot('library-empty-en-light');
    await page.getByTestId('import-url-input').fill(fixture);
    await page.getByTestId('import-submit').click();
    // After an import the review board of that video is what the user sees.
    await page.getByRole('heading', { level: 1, name: 'Review board' }).waitFor();
    await page.getByText('Waiting for proposals').waitFor();
    await shot('board-waiting-en-light');
    await page.getByTestId('nav-library').click();
    const row = page.getByTestId('video-row');
    await row.waitFor();
    expect(await row.count()).toBe(1);
    // The import queued the whole pipeline: transcript, shots, proposals. The row says so, then
    // turns ready when the host has finished (the list is asked again as jobs end).
    await row.locator('[data-testid="video-status"][data-status="ready"]').waitFor({ timeout: 90_000 });
    expect(await row.getByTestId('video-status').textContent()).toBe('Ready');
    videoId = (await row.getAttribute('data-video-id'))!;
    expect(videoId).toBeTruthy();
    await shot('library-en-light');
  }, 120_000);

  it('shows the host’s error code, message and hint', async () => {
    await page.getByTestId('nav-library').click();
    await page.getByTestId('import-url-input').fill('/no/such/video.mp4');
    await page.getByTestId('import-submit').click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/Error [A-Z_]+/);
    await shot('library-error-en-light');
    await alert.getByRole('button', { name: 'Dismiss' }).click();
  }, 60_000);

  it('uploads a dropped file to the host and imports it', async () => {
    await page.getByTestId('nav-library').click();
    const bytes = readFileSync(fixture).toString('base64');
    // A real drop event carrying a File, as the browser makes when a file is dragged in.
    const dataTransfer = await page.evaluateHandle((base64) => {
      const raw = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([raw], 'dropped copy.mp4', { type: 'video/mp4' }));
      return transfer;
    }, bytes);
    await page.getByTestId('import-drop-zone').dispatchEvent('drop', { dataTransfer });
    // Same content as the first import: the host recognises it after the upload, and the board
    // of that video opens with a note saying so.
    await page.getByTestId('notice').getByText('was already in the library').waitFor();
    await shot('board-notice-en-light');
    expect(await page.getByTestId('board-video-select').inputValue()).toBe(videoId);
    await page.getByTestId('nav-library').click();
    await page.getByTestId('video-row').first().waitFor();
    expect(await page.getByTestId('video-row').count()).toBe(1);
  }, 60_000);

  it('shows proposals as they arrive and approves one by drag and drop', async () => {
    await page.getByRole('button', { name: 'Review clips' }).click();
    // The player streams the video from the host (cookie auth, Range) and knows its length.
    const player = page.getByTestId('video-player');
    await expect
      .poll(() => player.evaluate((v) => (v as HTMLVideoElement).duration), { timeout: 20_000 })
      .toBeCloseTo(2, 0);
    await player.evaluate((v) => {
      (v as HTMLVideoElement).currentTime = 1;
    });
    await expect.poll(() => player.evaluate((v) => (v as HTMLVideoElement).currentTime)).toBe(1);
    await seedProposals(libraryDir, videoId, 8);
    const proposed = page.getByTestId('lane-proposed').getByTestId('clip-card');
    await proposed.first().waitFor({ timeout: 15_000 });
    expect(await proposed.count()).toBe(8);
    await shot('board-en-light');

    const card = proposed.nth(1);
    const id = (await card.getAttribute('data-clip-id'))!;
    const from = (await card.boundingBox())!;
    const to = (await page.getByTestId('lane-approved').boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + 20);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2 + 20, from.y + 30, { steps: 5 });
    await page.mouse.move(to.x + to.width / 2, to.y + 120, { steps: 15 });
    await page.mouse.up();
    await page.getByTestId('lane-approved').locator(`[data-clip-id="${id}"]`).waitFor();
    await expect.poll(() => laneIds('approved')).toEqual([id]);
  }, 60_000);

  it('rejects with the keyboard, undoes, and edits a clip', async () => {
    const first = page.getByTestId('lane-proposed').getByTestId('clip-card').first();
    const id = (await first.getAttribute('data-clip-id'))!;
    await first.focus();
    await page.keyboard.press('r');
    await expect.poll(() => laneIds('rejected')).toEqual([id]);
    await page.getByTestId('board-undo').click();
    await expect.poll(() => laneIds('rejected')).toEqual([]);

    await page.locator(`[data-clip-id="${id}"]`).focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('editor-title').fill('The best two seconds');
    await page.getByTestId('editor-style').selectOption('pop');
    await page.getByTestId('trim-end').fill('1.8');
    // The start handle dragged along the waveform strip to a quarter of it (the strip spans the
    // whole 2 s video here), then one arrow-key step (no word or shot to step to: 0.1 s).
    const strip = (await page.getByTestId('trim-strip').boundingBox())!;
    const handle = page.getByTestId('trim-handle-start');
    const grip = (await handle.boundingBox())!;
    await page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2);
    await page.mouse.down();
    await page.mouse.move(strip.x + strip.width * 0.25, grip.y + grip.height / 2, { steps: 8 });
    await page.mouse.up();
    await handle.press('ArrowRight');
    await expect.poll(async () => Number(await handle.getAttribute('aria-valuenow'))).toBeCloseTo(0.6, 1);
    await shot('editor-en-light');
    await page.getByTestId('editor-save').click();
    await expect
      .poll(
        async () =>
          (
            await query<{ clip: { title: string; style: string; start: number; end: number } }>('clips.get', {
              id,
            })
          ).clip,
      )
      .toMatchObject({
        title: 'The best two seconds',
        style: 'pop',
        start: expect.closeTo(0.6, 1),
        end: 1.8,
      });

    // Render it from the editor: the host's render service makes the MP4.
    await page.getByTestId('editor-render').click();
    const rendered = page.getByTestId('editor-rendered');
    await rendered.waitFor({ timeout: 90_000 });
    const file = /(\/\S+\.mp4)/.exec((await rendered.textContent()) ?? '')?.[1];
    expect(file && existsSync(file)).toBe(true);
    await shot('editor-rendered-en-light');
  }, 120_000);

  it('renders the approved clips from the export panel', async () => {
    await page.getByRole('button', { name: 'Close editor' }).click();
    await page.getByTestId('export-style').selectOption('boxed');
    await page.getByTestId('export-render').click();
    const files = page.getByTestId('export-files');
    await files.waitFor({ timeout: 120_000 });
    const outputs = await files.locator('code').allTextContents();
    expect(outputs).toHaveLength(1);
    expect(existsSync(outputs[0]!)).toBe(true);
    await shot('export-done-en-light');
  }, 150_000);

  it('works the same in Japanese: approve with the keyboard, edit, undo', async () => {
    await page.getByTestId('locale-select').selectOption('ja');
    await page.getByTestId('nav-board').click();
    await page.getByRole('heading', { level: 1, name: 'レビューボード' }).waitFor();
    const card = page.getByTestId('lane-proposed').getByTestId('clip-card').last();
    const id = (await card.getAttribute('data-clip-id'))!;
    await card.focus();
    await page.keyboard.press('a');
    await expect.poll(async () => (await laneIds('approved')).includes(id)).toBe(true);
    await page.locator(`[data-clip-id="${id}"]`).getByRole('button', { name: '編集' }).click();
    await page.getByTestId('editor-title').fill('日本語のタイトル');
    await page.getByTestId('editor-save').click();
    await page.getByText('保存しました').waitFor();
    await expect
      .poll(async () => (await query<{ clip: { title: string } }>('clips.get', { id })).clip.title)
      .toBe('日本語のタイトル');
    await shot('editor-ja-light');
    await page.getByRole('button', { name: 'エディターを閉じる' }).click();
    await page.getByRole('button', { name: '元に戻す' }).click();
    await expect
      .poll(async () => (await query<{ clip: { title: string } }>('clips.get', { id })).clip.title)
      .not.toBe('日本語のタイトル');
    await page.getByTestId('locale-select').selectOption('en');
  }, 60_000);

  it('looks right in every screen, light and dark, English and Japanese', async () => {
    for (const locale of ['en', 'ja'] as const) {
      for (const theme of ['light', 'dark'] as const) {
        await page.getByTestId('locale-select').selectOption(locale);
        await page.getByTestId('theme-select').selectOption(theme);
        for (const screen of ['library', 'board', 'jobs', 'settings'] as const) {
          await page.getByTestId(`nav-${screen}`).click();
          await page.waitForTimeout(300);
          // The settings screen asks the host about the machine (providers, models): wait for it.
          if (screen === 'settings')
            await page.getByTestId('settings-models').locator('li').first().waitFor({ timeout: 30_000 });
          await shot(`${screen}-${locale}-${theme}`);
        }
        if (theme === 'light') {
          // A model not downloaded offers its files from a folder too (large-v3-turbo: never here).
          const fromFolder = page.locator(
            '[data-model="whisper-large-v3-turbo"] [data-testid="model-from-folder"]',
          );
          await fromFolder.locator('summary').click();
          await fromFolder.getByTestId('model-from-folder-install').scrollIntoViewIfNeeded();
          await shot(`settings-from-folder-${locale}-${theme}`);
          await fromFolder.locator('summary').click();
        }
      }
    }
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ja');
    expect(await page.getByTestId('nav-library').textContent()).toBe('ライブラリ');
  }, 180_000);
});
