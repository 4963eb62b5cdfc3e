import { resolveFfmpegBinaries } from '@kirinuki/pipeline';
import { openLibrary, type Library } from '../node/library/library.js';
import { readSettings, type Settings } from '../node/library/settings-repository.js';
import type { CliContext } from './cli-context.js';

export interface LibrarySession {
  library: Library;
  settings: Settings;
  ffmpeg: string;
  ffprobe: string;
}

/** Opens the library for one command and always closes it. */
export async function withLibrary<T>(
  ctx: CliContext,
  run: (session: LibrarySession) => Promise<T>,
): Promise<T> {
  const library = await openLibrary(ctx.libraryDir);
  try {
    const settings = await readSettings(library.db);
    const bins = resolveFfmpegBinaries();
    return await run({ library, settings, ffmpeg: bins.ffmpeg.path, ffprobe: bins.ffprobe.path });
  } finally {
    await library.close();
  }
}
