import { resolveFfmpegBinaries } from '@kirinuki/pipeline';
import { z } from 'zod';
import { libraryFolder } from '../../library/library-folder.js';
import { streamWithProgress } from '../../service-process/progress-stream.js';
import { serviceTrpc as t } from '../service-trpc.js';
import { importMedia } from './import-media.js';

export const ingestInput = z.object({
  libraryDir: z.string(),
  videoId: z.string(),
  source: z.string().min(1),
  mode: z.enum(['copy', 'link']),
  allowPrivateNetwork: z.boolean(),
  maxBytes: z.number().positive(),
  /** The content the library holds already: such a file is recognised, not placed again. */
  knownSha256: z.array(z.string().regex(/^[0-9a-f]{64}$/)),
});
export type IngestInput = z.infer<typeof ingestInput>;

/**
 * The ingest service: checks a file or URL and brings it into the library's folder, streaming
 * progress. It never opens the library's database: the host records what it returns.
 */
export const ingestRouter = t.router({
  import: t.procedure.input(ingestInput).subscription(async function* ({ input, ctx }) {
    const bins = resolveFfmpegBinaries();
    const known = new Set(input.knownSha256);
    yield* streamWithProgress((onProgress) =>
      importMedia(libraryFolder(input.libraryDir), input.source, {
        mode: input.mode,
        ffmpeg: bins.ffmpeg.path,
        ffprobe: bins.ffprobe.path,
        maxBytes: input.maxBytes,
        allowPrivateNetwork: input.allowPrivateNetwork,
        videoId: input.videoId,
        isKnown: (sha256) => known.has(sha256),
        signal: ctx.signal,
        logger: ctx.logger,
        onProgress: (p) => onProgress(p.fraction ?? 0, p.stage),
      }),
    );
  }),
});

export type IngestServiceRouter = typeof ingestRouter;
