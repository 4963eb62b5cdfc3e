import { resolveFfmpegBinaries } from '@kirinuki/pipeline';
import { z } from 'zod';
import type { Clip, VideoRecord } from '@kirinuki/contracts';
import { streamWithProgress } from '../../service-process/progress-stream.js';
import { localStageResultStore } from '../../stage-results/local-stage-result-store.js';
import { serviceTrpc as t } from '../service-trpc.js';
import { renderLibraryClip } from './render-library-clip.js';

const isRecord = (v: unknown) =>
  typeof v === 'object' && v !== null && typeof (v as { id?: unknown }).id === 'string';

export const renderClipInput = z.object({
  libraryDir: z.string(),
  /** The clip and its video as the host's library holds them (the service reads no database). */
  clip: z.custom<Clip>(isRecord),
  video: z.custom<VideoRecord>(isRecord),
  platform: z.string().optional(),
  style: z.string().optional(),
  outDir: z.string().max(4096),
});
export type RenderClipInput = z.infer<typeof renderClipInput>;

/** The render service: reframes, captions, normalises and encodes one clip per call. */
export const renderRouter = t.router({
  renderClip: t.procedure.input(renderClipInput).subscription(async function* ({ input, ctx }) {
    const bins = resolveFfmpegBinaries();
    yield* streamWithProgress((onProgress) =>
      renderLibraryClip(localStageResultStore(input.libraryDir), input.clip, input.video, {
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
