import { initTRPC } from '@trpc/server';
import { resolveFfmpegBinaries } from '@kirinuki/pipeline';
import { z } from 'zod';
import { renderLibraryClip } from '../render/render-library-clip.js';
import { streamWithProgress } from '../services/progress-stream.js';
import type { ServiceContext } from '../services/run-service.js';
import { libraryAt } from './ingest-service-router.js';

const t = initTRPC.context<ServiceContext>().create();

export const renderClipInput = z.object({
  libraryDir: z.string(),
  clipId: z.string(),
  platform: z.string().optional(),
  style: z.string().optional(),
  outDir: z.string().max(4096),
});
export type RenderClipInput = z.infer<typeof renderClipInput>;

/** The render service: reframes, captions, normalises and encodes one clip per call. */
export const renderRouter = t.router({
  renderClip: t.procedure.input(renderClipInput).subscription(async function* ({ input, ctx }) {
    const library = await libraryAt(input.libraryDir);
    const bins = resolveFfmpegBinaries();
    yield* streamWithProgress((onProgress) =>
      renderLibraryClip(library, input.clipId, {
        platform: input.platform,
        style: input.style,
        outDir: input.outDir,
        signal: ctx.signal,
        logger: ctx.logger,
        ffmpeg: { ffmpeg: bins.ffmpeg.path, ffprobe: bins.ffprobe.path },
        onProgress: (p) => onProgress(p.fraction, p.stage),
      }),
    );
  }),
});

export type RenderServiceRouter = typeof renderRouter;
