import path from 'node:path';
import { build } from 'vite';

/** Builds packages/ui/dist (what `kirinuki serve` serves) from the sources under test. */
export async function buildUi(uiRoot: string): Promise<void> {
  await build({ root: uiRoot, configFile: path.join(uiRoot, 'vite.config.ts'), logLevel: 'warn' });
}
