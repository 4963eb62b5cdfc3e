// @vitest-environment node
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUi } from './build-ui.js';
import { callHost, waitForPipeline } from './host-api.js';
import { hasChromium, launchChromium } from './launch-chromium.js';
import { startServe, type RunningServe } from './serve-kirinuki.js';

const uiRoot = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = path.resolve(uiRoot, '../..');
// About 92 s of speech on four topics, each over its own picture: the real pipeline transcribes it,
// finds a cut per topic and proposes several clips (`pnpm fixtures talk-4` remakes it).
const fixture = path.join(repoRoot, 'fixtures/media/talk-4-topics-320x240.mp4');
const artifacts = path.join(repoRoot, 'test-artifacts/ui');
/** How long the whole import pipeline may take here (it takes ~10 s on 2 cores). */
const PIPELINE_TIMEOUT_MS = 60_000;

interface HostClip {
  id: string;
  status: string;
  position: number;
  start: number;
  end: number;
}

describe.skipIf(!hasChromium)('Kirinuki in Chromium against kirinuki serve', () => {
  let libraryDir: string;
  let serve: RunningServe;
  let context: BrowserContext;
  let page: Page;
  let videoId: string;

  const shot = (name: string) =>
    page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
  const query = <T>(procedure: string, input?: unknown) => callHost<T>(page, procedure, input);
  const hostClips = async () => (await query<{ clips: HostClip[] }>('clips.list', { videoId })).clips;
  const laneIds = async (status: string) =>
    (await hostClips())
      .filter((c) => c.status === status)
      .sort((a, b) => a.position - b.position)
      .map((c) => c.id);
  const proposedCards = () => page.getByTestId('lane-proposed').getByTestId('clip-card');

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

  it('imports a talk by its path on the host; its transcript, shots and proposals arrive without a reload', async () => {
    await page.getByTestId('theme-select').selectOption('light');
    await page.getByTestId('locale-select').selectOption('en');
    await shot('library-empty-en-light');
    await page.getByTestId('import-url-input').fill(fixture);
    await page.getByTestId('import-submit').click();
    // After an import the review board of that video is what the user sees, while the pipeline runs.
    await page.getByRole('heading', { level: 1, name: 'Review board' }).waitFor();
    videoId = await page.getByTestId('board-video-select').inputValue();
    expect(videoId).toBeTruthy();
    // A reload would lose this mark: everything below must arrive in this document.
    await page.evaluate('window.__kirinukiSameDocument = true');
    const transcript = page.getByTestId('transcript');
    const words = transcript.getByTestId('transcript-word');
    const notYet = transcript.getByText('The transcript appears here when transcription has finished');
    await notYet.or(words.first()).waitFor({ timeout: 15_000 });
    if (await notYet.isVisible()) {
      await shot('board-transcribing-en-light');
      await page.getByTestId('theme-select').selectOption('dark');
      await shot('board-transcribing-en-dark');
      await page.getByTestId('theme-select').selectOption('light');
    } else console.warn('the transcript was made before the board first asked for it');

    await waitForPipeline(
      page,
      videoId,
      'The transcript on the board',
      (timeout) => words.first().waitFor({ timeout }),
      PIPELINE_TIMEOUT_MS,
    );
    await waitForPipeline(
      page,
      videoId,
      'Proposals from the segment stage on the board',
      (timeout) => proposedCards().first().waitFor({ timeout }),
      PIPELINE_TIMEOUT_MS,
    );
    expect(await page.evaluate('window.__kirinukiSameDocument')).toBe(true);
    // The board shows what the host made: every word, every shot, every proposal.
    const timeline = await query<{ words: unknown[]; shots: unknown[] }>('library.timeline', { id: videoId });
    expect(timeline.words.length).toBeGreaterThan(100);
    expect(await words.count()).toBe(timeline.words.length);
    expect(timeline.shots.length).toBeGreaterThanOrEqual(2);
    await expect
      .poll(() => page.getByTestId('shot-strip').getByRole('listitem').count(), {
        message: 'the shot strip shows every shot of the vision stage',
      })
      .toBe(timeline.shots.length);
    const proposed = await laneIds('proposed');
    expect(
      proposed.length,
      'the real segment stage proposes at least 2 clips for this talk',
    ).toBeGreaterThanOrEqual(2);
    await expect
      .poll(
        async () => proposedCards().evaluateAll((cards) => cards.map((c) => c.getAttribute('data-clip-id'))),
        {
          message: 'the Proposed lane shows the host’s proposals in order',
        },
      )
      .toEqual(proposed);
    await shot('board-transcript-en-light');
    await page.getByTestId('theme-select').selectOption('dark');
    await shot('board-transcript-en-dark');
    await page.getByTestId('theme-select').selectOption('light');

    await page.getByTestId('nav-library').click();
    const row = page.getByTestId('video-row');
    await row.waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.getAttribute('data-video-id')).toBe(videoId);
    // The row turns ready when the host has finished (the list is asked again as jobs end).
    await waitForPipeline(
      page,
      videoId,
      'The library row says Ready',
      (timeout) => row.locator('[data-testid="video-status"][data-status="ready"]').waitFor({ timeout }),
      PIPELINE_TIMEOUT_MS,
    );
    expect(await row.getByTestId('video-status').textContent()).toBe('Ready');
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

  it('plays the talk, seeks to a clicked word, and approves a proposal by drag and drop', async () => {
    await page.getByRole('button', { name: 'Review clips' }).click();
    // The player streams the video from the host (cookie auth, Range) and knows its length.
    const { videos } = await query<{ videos: Array<{ id: string; durationSec: number }> }>('library.list');
    const duration = videos.find((v) => v.id === videoId)!.durationSec;
    const player = page.getByTestId('video-player');
    await expect
      .poll(() => player.evaluate((v) => (v as HTMLVideoElement).duration), { timeout: 20_000 })
      .toBeCloseTo(duration, 0);
    // Slowed down, so the word lit up stays put while it is looked at.
    await player.evaluate((v) => {
      (v as HTMLVideoElement).playbackRate = 0.1;
    });
    const { words } = await query<{ words: Array<{ start: number }> }>('library.timeline', { id: videoId });
    const word = page.getByTestId('transcript-word').nth(20);
    await word.click();
    await expect.poll(() => word.getAttribute('data-current')).toBe('true');
    expect(await player.evaluate((v) => (v as HTMLVideoElement).currentTime)).toBeCloseTo(
      words[20]!.start,
      0,
    );
    await player.evaluate((v) => (v as HTMLVideoElement).pause());

    const card = proposedCards().nth(1);
    const id = (await card.getAttribute('data-clip-id'))!;
    // Under the player and the transcript: scrolled to first, then dropped beside where it was.
    await card.scrollIntoViewIfNeeded();
    const from = (await card.boundingBox())!;
    const to = (await page.getByTestId('lane-approved').boundingBox())!;
    await page.mouse.move(from.x + from.width / 2, from.y + 20);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2 + 20, from.y + 30, { steps: 5 });
    await page.mouse.move(to.x + to.width / 2, from.y + 30, { steps: 15 });
    await page.mouse.up();
    await page.getByTestId('lane-approved').locator(`[data-clip-id="${id}"]`).waitFor();
    await expect.poll(() => laneIds('approved')).toEqual([id]);
    await shot('board-en-light');
  }, 60_000);

  it('rejects with the keyboard, undoes, trims the approved clip to a word and renders it', async () => {
    const first = proposedCards().first();
    const rejected = (await first.getAttribute('data-clip-id'))!;
    await first.focus();
    await page.keyboard.press('r');
    await expect.poll(() => laneIds('rejected')).toEqual([rejected]);
    await page.getByTestId('board-undo').click();
    await expect.poll(() => laneIds('rejected')).toEqual([]);

    // The approved clip, cut to a few seconds (so its renders are quick).
    const [id] = await laneIds('approved');
    const clip = (await hostClips()).find((c) => c.id === id)!;
    await page.locator(`[data-clip-id="${id}"]`).focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('editor-title').fill('The best two seconds');
    await page.getByTestId('editor-style').selectOption('pop');
    await page.getByTestId('trim-end').fill((clip.start + 2.5).toFixed(2));
    const end = Number(await page.getByTestId('trim-end').inputValue());
    expect(end).toBeCloseTo(clip.start + 2.5, 0);
    // The start handle dragged along the waveform strip to about 0.8 s into the clip, then one
    // arrow-key step: to the next word or shot boundary of the host's transcript and shots.
    const handle = page.getByTestId('trim-handle-start');
    const [viewStart, viewEnd] = [
      Number(await handle.getAttribute('aria-valuemin')),
      Number(await handle.getAttribute('aria-valuemax')),
    ];
    const strip = (await page.getByTestId('trim-strip').boundingBox())!;
    const grip = (await handle.boundingBox())!;
    const targetX = strip.x + (strip.width * (clip.start + 0.8 - viewStart)) / (viewEnd - viewStart);
    await page.mouse.move(grip.x + grip.width / 2, grip.y + grip.height / 2);
    await page.mouse.down();
    await page.mouse.move(targetX, grip.y + grip.height / 2, { steps: 8 });
    await page.mouse.up();
    const dragged = Number(await handle.getAttribute('aria-valuenow'));
    expect(dragged).toBeGreaterThan(clip.start + 0.3);
    await handle.press('ArrowRight');
    await expect
      .poll(async () => Number(await handle.getAttribute('aria-valuenow')))
      .toBeGreaterThan(dragged);
    const start = Number(await handle.getAttribute('aria-valuenow'));
    const { boundaries } = await query<{ boundaries: Array<{ time: number }> }>('clips.editorData', { id });
    expect(
      boundaries.some((b) => Math.abs(b.time - start) < 0.01),
      `start ${start} is a word or shot boundary`,
    ).toBe(true);
    await shot('editor-en-light');
    await page.getByTestId('editor-save').click();
    await expect
      .poll(async () => (await query<{ clip: Record<string, unknown> }>('clips.get', { id })).clip, {
        message: 'the host has the edited clip',
      })
      .toMatchObject({
        title: 'The best two seconds',
        style: 'pop',
        start: expect.closeTo(start, 1),
        end: expect.closeTo(end, 1),
      });

    // Render it from the editor: the host's render service makes the MP4.
    await page.getByTestId('editor-render').click();
    const rendered = page.getByTestId('editor-rendered');
    await rendered.waitFor({ timeout: 60_000 });
    const file = /(\/\S+\.mp4)/.exec((await rendered.textContent()) ?? '')?.[1];
    expect(file && existsSync(file)).toBe(true);
    await shot('editor-rendered-en-light');
  }, 120_000);

  it('renders the approved clips from the export panel', async () => {
    await page.getByRole('button', { name: 'Close editor' }).click();
    await page.getByTestId('export-style').selectOption('boxed');
    await page.getByTestId('export-render').click();
    const files = page.getByTestId('export-files');
    await files.waitFor({ timeout: 60_000 });
    const outputs = await files.locator('code').allTextContents();
    expect(outputs).toHaveLength(1);
    expect(existsSync(outputs[0]!)).toBe(true);
    await shot('export-done-en-light');
  }, 90_000);

  it('works the same in Japanese: approve with the keyboard, edit, undo', async () => {
    await page.getByTestId('locale-select').selectOption('ja');
    await page.getByTestId('nav-board').click();
    await page.getByRole('heading', { level: 1, name: 'レビューボード' }).waitFor();
    const card = proposedCards().last();
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
