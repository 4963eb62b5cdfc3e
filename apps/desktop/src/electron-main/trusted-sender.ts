import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Only our own renderer page may talk to the main process (not an iframe, not a navigated page). */
export function isTrustedRendererUrl(url: string | undefined, rendererDir: string): boolean {
  if (!url?.startsWith('file://')) return false;
  try {
    const file = path.resolve(fileURLToPath(url));
    return file.startsWith(path.resolve(rendererDir) + path.sep);
  } catch {
    return false;
  }
}
