import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { UserFacingError } from '@kirinuki/contracts';

const require = createRequire(import.meta.url);

/**
 * The folder holding the bundled Noto Sans JP Bold TTF (OFL-1.1), for libass's `fontsdir`.
 * Only that weight sits in it, so libass scans one file, not nine.
 */
export function resolveCaptionFontsDir(): string {
  let dir: string | null = null;
  try {
    const pkg = require.resolve('@expo-google-fonts/noto-sans-jp/package.json');
    dir = path.join(path.dirname(pkg), '700Bold');
  } catch {
    dir = null;
  }
  if (!dir || !existsSync(path.join(dir, 'NotoSansJP_700Bold.ttf'))) {
    throw new UserFacingError('INTERNAL', 'The caption font (Noto Sans JP Bold) is missing.', {
      hint: 'Reinstall with `pnpm install`; the font ships in @expo-google-fonts/noto-sans-jp.',
    });
  }
  return dir;
}
