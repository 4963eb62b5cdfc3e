import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'vite';

const STAMP = '.sources-sha256';
/** A lock older than this was left by a killed run. */
const STALE_LOCK_MS = 120_000;

/** What the bundle is made from: every file under src, the page and the vite config. */
function sourcesHash(uiRoot: string): string {
  const hash = createHash('sha256');
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else hash.update(file).update(readFileSync(file));
    }
  };
  walk(path.join(uiRoot, 'src'));
  for (const file of ['index.html', 'vite.config.ts']) hash.update(readFileSync(path.join(uiRoot, file)));
  return hash.digest('hex');
}

/**
 * Builds packages/ui/dist (what `kirinuki serve` serves) from the sources under test, once for
 * every e2e file running at the same time: a lock folder lets one build while the others wait,
 * and a stamp of the sources skips a build that is already current.
 */
export async function buildUi(uiRoot: string): Promise<void> {
  const dist = path.join(uiRoot, 'dist');
  const lock = path.join(uiRoot, 'node_modules', '.e2e-build-lock');
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (existsSync(lock) && Date.now() - statSync(lock).mtimeMs > STALE_LOCK_MS)
        rmSync(lock, { recursive: true, force: true });
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  try {
    const wanted = sourcesHash(uiRoot);
    const stamp = path.join(dist, STAMP);
    if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) return;
    await build({ root: uiRoot, configFile: path.join(uiRoot, 'vite.config.ts'), logLevel: 'warn' });
    writeFileSync(stamp, wanted);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
