import { initTRPC } from '@trpc/server';
import { resolveFfmpegBinaries } from '@kirinuki/pipeline';
import { z } from 'zod';
import { openLibrary, type Library } from '../library/library.js';
import { streamWithProgress } from '../services/progress-stream.js';
import type { ServiceContext } from '../services/run-service.js';
import { describeLibraryVideo, importIntoLibrary } from './ingest-stage.js';

const t = initTRPC.context<ServiceContext>().create();

const libraries = new Map<string, Promise<Library>>();

/** The library at `dir`, opened once per service process. */
export function libraryAt(dir: string): Promise<Library> {
  let pending = libraries.get(dir);
  if (!pending) {
    pending = openLibrary(dir);
    pending.catch(() => libraries.delete(dir));
    libraries.set(dir, pending);
  }
  return pending;
}

/** Closes the libraries this service opened (on a graceful shutdown). */
export async function closeLibraries(): Promise<void> {
  for (const pending of libraries.values()) await (await pending.catch(() => null))?.close();
  libraries.clear();
}

/** The ingest service: checks a file or URL and brings it into a library, streaming progress. */
export const ingestRouter = t.router({
  import: t.procedure
    .input(
      z.object({
        libraryDir: z.string(),
        videoId: z.string(),
        /** Empty for a video already in the library: the stage then describes it. */
        source: z.string(),
        mode: z.enum(['copy', 'link']).optional(),
        allowPrivateNetwork: z.boolean().optional(),
      }),
    )
    .subscription(async function* ({ input, ctx }) {
      const library = await libraryAt(input.libraryDir);
      if (!input.source) {
        yield { type: 'done' as const, output: await describeLibraryVideo(library, input.videoId) };
        return;
      }
      const bins = resolveFfmpegBinaries();
      yield* streamWithProgress((onProgress) =>
        importIntoLibrary(
          library,
          { ...input, ffmpeg: bins.ffmpeg.path, ffprobe: bins.ffprobe.path },
          { signal: ctx.signal, logger: ctx.logger, onProgress },
        ),
      );
    }),
});

export type IngestServiceRouter = typeof ingestRouter;
