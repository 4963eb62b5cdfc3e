// A 1,000-clip board in Chromium: frame times while scrolling a lane and while dragging a card.
// The clips are real proposals of the talk fixture, made through the CLI (a few minutes on 2 cores).
// Run: pnpm --filter @kirinuki/ui bench:board   (needs /usr/bin/chromium)
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { buildUi } from './build-ui.js';
import { callHost } from './host-api.js';
import { hasChromium, launchChromium } from './launch-chromium.js';
import { proposeManyClips } from './propose-many-clips.js';
import { startServe } from './serve-kirinuki.js';

const BUDGET_MS = 50;
const CLIPS = 1000;
const uiRoot = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = path.resolve(uiRoot, '../..');

// Scripts go to the page as text: tsx would wrap functions in a helper the page does not have.
const START_RECORDING = `(() => {
  window.__frames = [];
  window.__stop = false;
  let last = performance.now();
  const tick = (now) => {
    window.__frames.push(now - last);
    last = now;
    if (!window.__stop) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;
const STOP_RECORDING = `(() => { window.__stop = true; return window.__frames.slice(1); })()`;

/** Frame intervals (ms) while `action` runs, from requestAnimationFrame in the page. */
async function frameTimes(page: Page, action: () => Promise<void>): Promise<number[]> {
  await page.evaluate(START_RECORDING);
  await action();
  return (await page.evaluate(STOP_RECORDING)) as number[];
}

function summary(name: string, frames: number[]) {
  const sorted = [...frames].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const max = sorted.at(-1) ?? 0;
  const slow = frames.flatMap((f, i) => (f > BUDGET_MS ? [`#${i}: ${f.toFixed(0)} ms`] : []));
  console.log(
    `${name.padEnd(8)} frames=${String(frames.length).padStart(4)}  p50=${at(0.5).toFixed(1)} ms  p95=${at(0.95).toFixed(1)} ms  max=${max.toFixed(1)} ms  over ${BUDGET_MS} ms: ${slow.length ? slow.join(', ') : 'none'}`,
  );
  return max;
}

if (!hasChromium) {
  console.log('skipped: /usr/bin/chromium is not installed');
  process.exit(0);
}
await buildUi(uiRoot);
const libraryDir = mkdtempSync(path.join(tmpdir(), 'kirinuki-ui-bench-'));
const made = Date.now();
const { videoId, clipIds } = await proposeManyClips(
  repoRoot,
  libraryDir,
  path.join(repoRoot, 'fixtures/media/talk-4-topics-320x240.mp4'),
  CLIPS,
  (line) => console.log(line),
);
console.log(`${clipIds.length} clips made in ${((Date.now() - made) / 1000).toFixed(0)} s`);
const serve = await startServe(repoRoot, libraryDir);
const context = await launchChromium();
try {
  const page = await context.newPage();
  await page.goto(serve.openUrl);
  // Exactly 1,000 of them back in the Proposed lane (the rest stay rejected), through the API.
  await callHost(page, 'clips.setStatus', { ids: clipIds.slice(0, CLIPS), status: 'proposed' }, 'POST');
  await page.getByTestId('video-row').getByRole('button', { name: 'Review clips' }).click();
  const shown = await page.getByTestId('board-video-select').inputValue();
  if (shown !== videoId) throw new Error(`the board shows video ${shown}, not ${videoId}`);
  const lane = page.getByTestId('lane-proposed');
  await lane
    .getByTestId('clip-card')
    .first()
    .waitFor({ timeout: 30_000 })
    .catch(async (error: unknown) => {
      await page.screenshot({ path: path.join(repoRoot, 'test-artifacts/ui/bench-failed.png') });
      throw error;
    });
  console.log(`cards in the DOM for ${CLIPS} clips: ${await lane.getByTestId('clip-card').count()}`);

  const box = (await lane.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const scroll = await frameTimes(page, async () => {
    for (let i = 0; i < 60; i++) await page.mouse.wheel(0, 400);
    for (let i = 0; i < 30; i++) await page.mouse.wheel(0, -600);
  });
  const card = (await lane.getByTestId('clip-card').nth(2).boundingBox())!;
  const target = (await page.getByTestId('lane-approved').boundingBox())!;
  const drag = await frameTimes(page, async () => {
    await page.mouse.move(card.x + 40, card.y + 20);
    await page.mouse.down();
    await page.mouse.move(card.x + 60, card.y + 260, { steps: 30 });
    await page.mouse.move(target.x + target.width / 2, target.y + 100, { steps: 60 });
    await page.mouse.up();
  });
  const worst = Math.max(summary('scroll', scroll), summary('drag', drag));
  console.log(worst <= BUDGET_MS ? `within ${BUDGET_MS} ms per frame` : `OVER ${BUDGET_MS} ms per frame`);
} finally {
  await context.close();
  await serve.stop();
  rmSync(libraryDir, { recursive: true, force: true });
}
