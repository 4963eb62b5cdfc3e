import { initTRPC } from '@trpc/server';
import { resolveFfmpegBinaries } from '@kirinuki/pipeline';
import { z } from 'zod';
import { openLibrary, type Library } from '../library/library.js';
import type { ServiceContext } from '../services/run-service.js';
import { importIntoLibrary, type IngestOutput } from './ingest-stage.js';

const t = initTRPC.context<ServiceContext>().create();

export type IngestServiceEvent =
  { type: 'progress'; fraction: number; detail: string } | { type: 'done'; output: IngestOutput };

const libraries = new Map<string, Promise<Library>>();
const libraryAt = (dir: string) => {
  let pending = libraries.get(dir);
  if (!pending) {
    pending = openLibrary(dir);
    pending.catch(() => libraries.delete(dir));
    libraries.set(dir, pending);
  }
  return pending;
};

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
        source: z.string().min(1),
        mode: z.enum(['copy', 'link']).optional(),
        allowPrivateNetwork: z.boolean().optional(),
      }),
    )
    .subscription(async function* ({ input, ctx }): AsyncGenerator<IngestServiceEvent> {
      const library = await libraryAt(input.libraryDir);
      const bins = resolveFfmpegBinaries();
      const pending: IngestServiceEvent[] = [];
      let wake: () => void = () => undefined;
      let finished = false;
      let failure: unknown = null;
      void importIntoLibrary(
        library,
        { ...input, ffmpeg: bins.ffmpeg.path, ffprobe: bins.ffprobe.path },
        {
          signal: ctx.signal,
          logger: ctx.logger,
          onProgress: (fraction, detail) => {
            pending.push({ type: 'progress', fraction, detail });
            wake();
          },
        },
      ).then(
        (output) => {
          pending.push({ type: 'done', output });
          finished = true;
          wake();
        },
        (error: unknown) => {
          failure = error;
          finished = true;
          wake();
        },
      );
      for (;;) {
        while (pending.length) yield pending.shift() as IngestServiceEvent;
        if (failure) throw failure;
        if (finished) return;
        await new Promise<void>((resolve) => (wake = resolve));
      }
    }),
});

export type IngestServiceRouter = typeof ingestRouter;
