// Screenshots of Settings → Accounts, the publish panel (form, then posts on their way) and the
// notification centre (one of each kind) in English and Japanese, light and dark, against an
// in-memory host in the page (publish-demo/).
//   node --import tsx packages/ui/e2e/publish-shots.ts [out-dir]   (default /tmp/publish-ui-shots)
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { createServer } from 'vite';
import { launchChromium } from './launch-chromium.js';

const uiRoot = fileURLToPath(new URL('..', import.meta.url));
const repoRoot = path.resolve(uiRoot, '../..');
const outDir = path.resolve(process.argv[2] ?? '/tmp/publish-ui-shots');
const video = path.join(repoRoot, 'fixtures/media/talk-4-topics-320x240.mp4');

async function accounts(page: Page) {
  await page.getByTestId('accounts-section').waitFor();
  await page.getByTestId('account-row').first().waitFor();
  // A sign-in waiting for the browser, and the developer app form of a platform without one.
  await page.getByTestId('connect-tiktok').click();
  await page.getByTestId('connect-x').click();
  await page.getByTestId('developer-app-x').waitFor();
  await page.getByTestId('accounts-section').scrollIntoViewIfNeeded();
}

async function openPublish(page: Page) {
  await page.locator('[data-clip-id="c0"]').click();
  await page.getByTestId('board-publish').click();
  await page.getByTestId('publish-dialog').waitFor();
  for (const platform of ['tiktok', 'youtube', 'x']) await page.getByTestId(`choose-${platform}`).check();
  await page.getByTestId('privacy-tiktok').waitFor();
  await page.getByTestId('privacy-youtube').waitFor();
  // The video's frame at the clip's start, for the preview.
  await page.waitForFunction(
    () => (document.querySelector('.preview-frame video') as HTMLVideoElement)?.readyState >= 2,
  );
}

async function answer(page: Page) {
  await page.getByTestId('privacy-tiktok').selectOption('friends');
  await page.getByTestId('tiktok-allowComments').check();
  await page.getByTestId('tiktok-commercial').check();
  await page.getByTestId('tiktok-yourBrand').check();
  await page.getByTestId('privacy-youtube').selectOption('unlisted');
  await page.getByTestId('youtube-made-for-kids').locator('input').nth(1).check();
  await page
    .getByTestId('text-x')
    .fill('Why short clips win 🎬 切り抜きの作り方 https://kirinuki.jp/clips/why-short-clips-win #shorts');
}

async function main() {
  mkdirSync(outDir, { recursive: true });
  const server = await createServer({
    root: uiRoot,
    configFile: path.join(uiRoot, 'vite.config.ts'),
    logLevel: 'warn',
    server: { port: 0, host: '127.0.0.1', fs: { allow: [repoRoot] } },
  });
  await server.listen();
  const base = `${server.resolvedUrls!.local[0]}e2e/publish-demo/index.html`;
  const context = await launchChromium();
  try {
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error('page error:', error));
    for (const locale of ['en', 'ja'])
      for (const theme of ['light', 'dark']) {
        const url = (scenario: string) =>
          `${base}?scenario=${scenario}&locale=${locale}&theme=${theme}&video=${encodeURIComponent(`/@fs${video}`)}`;
        const shot = (name: string) => path.join(outDir, `${name}-${locale}-${theme}.png`);
        await page.setViewportSize({ width: 1280, height: 1100 });
        await page.goto(url('accounts'));
        await accounts(page);
        await page.getByTestId('accounts-section').screenshot({ path: shot('accounts') });

        await page.setViewportSize({ width: 1280, height: 1500 });
        await page.goto(url('publish'));
        await openPublish(page);
        await page.screenshot({ path: shot('publish-unanswered') });
        await answer(page);
        await page.screenshot({ path: shot('publish-answered') });
        await page.getByTestId('publish-submit').click();
        await page.getByTestId('post-row').nth(2).waitFor();
        await page.locator('[data-testid="post-row"][data-status="failed"]').waitFor();
        await page.locator('[data-testid="post-row"][data-status="published"]').waitFor();
        await page.waitForTimeout(300);
        await page.setViewportSize({ width: 1280, height: 900 });
        await page.screenshot({ path: shot('publish-progress') });

        await page.goto(url('notifications'));
        await page.getByTestId('notification').nth(4).waitFor();
        await page.screenshot({ path: shot('notifications-kinds') });
        console.log(`${locale} ${theme}: done`);
      }
  } finally {
    await context.close();
    await server.close();
  }
}

await main();
