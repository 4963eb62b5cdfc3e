import { initTRPC } from '@trpc/server';
import { UserFacingError } from '@kirinuki/pipeline';
import { findVideoById } from '../library/videos-repository.js';
import { readSettings } from '../library/settings-repository.js';
import { streamWithProgress } from '../services/progress-stream.js';
import type { ServiceContext } from '../services/run-service.js';
import { libraryAt } from './ingest-service-router.js';
import { videoStageInput } from './video-stage-input.js';
import { transcribeForLibrary, transcribeSettingsOf, type TranscribeOutput } from './transcribe-stage.js';

const t = initTRPC.context<ServiceContext>().create();

/** The transcribe service: speech to text with word timings for a library video. */
export const transcribeRouter = t.router({
  transcribe: t.procedure.input(videoStageInput).subscription(async function* ({ input, ctx }) {
    const library = await libraryAt(input.libraryDir);
    const video = await findVideoById(library.db, input.videoId);
    if (!video) throw new UserFacingError('NOT_FOUND', `No video with id ${input.videoId} in the library.`);
    const settings = await transcribeSettingsOf(library);
    const stored = await readSettings(library.db);
    yield* streamWithProgress(async (onProgress): Promise<TranscribeOutput> => {
      const { result, file, cached } = await transcribeForLibrary(
        library,
        {
          videoId: video.id,
          sha256: video.sha256,
          path: video.path,
          stableAtMs: Date.parse(video.createdAt),
        },
        settings,
        {
          signal: ctx.signal,
          logger: ctx.logger,
          fresh: input.fresh,
          threads: stored.threads,
          forceCpu: stored.forceCpu,
          openaiApiKey: input.openaiApiKey ?? process.env.OPENAI_API_KEY ?? null,
          onProgress: (p) => onProgress(p.fraction, p.stage),
        },
      );
      return {
        videoId: video.id,
        transcriptFile: file,
        settings,
        segments: result.segments.length,
        words: result.segments.reduce((n, s) => n + s.words.length, 0),
        cached,
      };
    });
  }),
});

export type TranscribeServiceRouter = typeof transcribeRouter;
