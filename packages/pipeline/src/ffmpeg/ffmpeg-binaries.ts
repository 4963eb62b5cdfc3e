import { accessSync, chmodSync, constants, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { UserFacingError } from '@kirinuki/contracts';

export interface FfmpegBinaries {
  ffmpeg: { path: string; source: 'env' | 'bundled' };
  ffprobe: { path: string; source: 'env' | 'bundled' };
}

const require = createRequire(import.meta.url);

function bundledPath(pkg: '@ffmpeg-installer/ffmpeg' | '@ffprobe-installer/ffprobe'): string | null {
  try {
    const path = (require(pkg) as { path: string }).path;
    if (!existsSync(path)) return null;
    try {
      accessSync(path, constants.X_OK);
    } catch {
      // The installer's own postinstall only does this chmod; pnpm may have skipped it.
      chmodSync(path, 0o755);
    }
    return path;
  } catch {
    return null;
  }
}

/** KIRINUKI_FFMPEG / KIRINUKI_FFPROBE when set, else the builds bundled through npm. */
export function resolveFfmpegBinaries(env: NodeJS.ProcessEnv = process.env): FfmpegBinaries {
  const pick = (envName: string, pkg: Parameters<typeof bundledPath>[0], tool: string) => {
    const fromEnv = env[envName];
    if (fromEnv) return { path: fromEnv, source: 'env' as const };
    const bundled = bundledPath(pkg);
    if (bundled) return { path: bundled, source: 'bundled' as const };
    throw new UserFacingError(
      'FFMPEG_NOT_FOUND',
      `No ${tool} binary: ${envName} is not set and ${pkg} is missing.`,
    );
  };
  return {
    ffmpeg: pick('KIRINUKI_FFMPEG', '@ffmpeg-installer/ffmpeg', 'ffmpeg'),
    ffprobe: pick('KIRINUKI_FFPROBE', '@ffprobe-installer/ffprobe', 'ffprobe'),
  };
}
