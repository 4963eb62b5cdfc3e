import { spawn } from 'node:child_process';
import path from 'node:path';
import { findExecutable } from '@kirinuki/pipeline';
import type { DesktopShell } from '../../common/desktop-shell.js';
import { openInBrowser } from './open-in-browser.js';

/** The command that shows a file in the platform's file manager. */
export function revealCommand(platform: NodeJS.Platform, file: string): { bin: string; args: string[] } {
  if (platform === 'darwin') return { bin: 'open', args: ['-R', file] };
  if (platform === 'win32') return { bin: 'explorer.exe', args: [`/select,${file}`] };
  // freedesktop has no portable "select this file": open its folder.
  return { bin: 'xdg-open', args: [path.dirname(file)] };
}

/**
 * File reveal for `kirinuki serve` (the host is the user's own machine when the browser is): the
 * platform's opener, started detached. Absent on a Linux without xdg-open (a server, a container).
 */
export function osFileReveal(
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): DesktopShell {
  const opener =
    platform === 'darwin' || platform === 'win32' ? null : findExecutable('xdg-open', env, platform);
  if (platform !== 'darwin' && platform !== 'win32' && !opener) return {};
  return {
    openUrl: (url) => openInBrowser(url, platform, env),
    revealFile: (file) =>
      new Promise<void>((resolve, reject) => {
        const { bin, args } = revealCommand(platform, file);
        const child = spawn(opener ?? bin, args, { detached: true, stdio: 'ignore', windowsHide: true });
        child.once('error', reject);
        child.once('spawn', () => {
          child.unref();
          resolve();
        });
      }),
  };
}
