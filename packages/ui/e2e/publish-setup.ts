import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { BrowserContext, Page } from 'playwright-core';
import { buildUi } from './build-ui.js';

const run = promisify(execFile);

/** The developer apps the fakes have registered: what the user types into Settings → Accounts. */
export const E2E_APPS = {
  tiktok: { clientId: 'e2e-tiktok-app', clientSecret: 'e2e-tiktok-secret' },
  youtube: { clientId: 'e2e-youtube-app.apps.googleusercontent.com', clientSecret: 'e2e-youtube-secret' },
  instagram: { clientId: 'e2e-instagram-app', clientSecret: 'e2e-instagram-secret' },
} as const;

/**
 * A fresh library with `clips` proposed 3.5 s clips (long enough for TikTok), made by another
 * process (the UI's tests may not import app code) while the UI bundle builds.
 */
export async function publishLibrary(
  repoRoot: string,
  uiRoot: string,
  prefix: string,
  clips: number,
): Promise<{ libraryDir: string; clipIds: string[] }> {
  const libraryDir = mkdtempSync(path.join(tmpdir(), prefix));
  const [made] = await Promise.all([
    run(
      process.execPath,
      [
        '--import',
        'tsx',
        'apps/desktop/src/cli/test-support/make-publish-library.ts',
        libraryDir,
        String(clips),
        'long',
      ],
      { cwd: repoRoot },
    ),
    buildUi(uiRoot),
  ]);
  return { libraryDir, clipIds: (JSON.parse(made.stdout) as { clipIds: string[] }).clipIds };
}

/**
 * Connects a loopback-redirect platform as a user does in Settings → Accounts: the developer app
 * typed in, the sign-in page opened in a new tab; the fake approves at once and sends the tab to
 * the host's loopback listener, which says so; the account's row then shows.
 */
export async function connectInSettings(
  page: Page,
  context: BrowserContext,
  args: {
    platform: 'tiktok' | 'youtube';
    fakeOrigin: string;
    accountName: string;
  },
): Promise<void> {
  const { platform } = args;
  const section = page.getByTestId(`accounts-${platform}`);
  await section.getByTestId(`connect-${platform}`).click();
  const form = section.getByTestId(`developer-app-${platform}`);
  await form.getByTestId('developer-app-client-id').fill(E2E_APPS[platform].clientId);
  await form.getByTestId('developer-app-client-secret').fill(E2E_APPS[platform].clientSecret);
  const signInTab = context.waitForEvent('page');
  await form.getByRole('button', { name: 'Save and connect' }).click();
  const tab = await signInTab;
  const fake = new URL(args.fakeOrigin);
  await tab.waitForURL((url) => url.hostname === '127.0.0.1' && url.port !== fake.port, {
    timeout: 15_000,
  });
  await tab.getByText('Kirinuki has the sign-in. You can close this window.').waitFor({ timeout: 15_000 });
  await section.getByTestId('account-row').filter({ hasText: args.accountName }).waitFor({ timeout: 15_000 });
  await tab.close();
}
