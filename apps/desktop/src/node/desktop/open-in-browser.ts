import { spawn } from 'node:child_process';
import { findExecutable } from '@kirinuki/pipeline';

/** The command that opens a URL in the user's browser. */
export function browserCommand(platform: NodeJS.Platform, url: string): { bin: string; args: string[] } {
  if (platform === 'darwin') return { bin: 'open', args: [url] };
  // `start` takes the first quoted argument as the window title.
  if (platform === 'win32') return { bin: 'cmd', args: ['/c', 'start', '""', url] };
  return { bin: 'xdg-open', args: [url] };
}

/**
 * Opens a URL in the browser, detached; false where there is no opener (a server, a container):
 * the caller prints the URL for the user to open instead.
 */
export async function openInBrowser(
  url: string,
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): Promise<boolean> {
  const { bin, args } = browserCommand(platform, url);
  const found = platform === 'darwin' || platform === 'win32' ? bin : findExecutable(bin, env, platform);
  if (!found) return false;
  return new Promise<boolean>((resolve) => {
    const child = spawn(found, args, { detached: true, stdio: 'ignore', windowsHide: true });
    child.once('error', () => resolve(false));
    child.once('spawn', () => {
      child.unref();
      resolve(true);
    });
  });
}
