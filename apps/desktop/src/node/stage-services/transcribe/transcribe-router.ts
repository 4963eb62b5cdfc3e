import { z } from 'zod';
import { localStageResultStore } from '../../stage-results/local-stage-result-store.js';
import { streamWithProgress } from '../../service-process/progress-stream.js';
import { openaiKeyOf, serviceTrpc as t } from '../service-trpc.js';
import type { StageResultNotice } from '../cached-stage-result.js';
import { transcribeMedia } from './transcribe-media.js';

export const transcribeInput = z.object({
  libraryDir: z.string(),
  target: z.object({ sha256: z.string(), path: z.string(), scope: z.enum(['video', 'file']) }),
  settings: z.object({ backend: z.enum(['local', 'openai']), model: z.string(), language: z.string() }),
  threads: z.number().int().min(0).optional(),
  forceCpu: z.boolean().optional(),
  fresh: z.boolean().optional(),
  /** From the host's secret store, for the optional cloud backend; services keep no secrets. */
  openaiApiKey: z.string().nullable().optional(),
});
export type TranscribeInput = z.infer<typeof transcribeInput>;

/** What a transcription returns: where the transcript is, and what the host announces. */
export interface TranscribeResult {
  transcriptFile: string;
  cached: boolean;
  notice: StageResultNotice;
  segments: number;
  words: number;
}

/** The transcribe service: speech to text with word timings, stored under the content's hash. */
export const transcribeRouter = t.router({
  transcribe: t.procedure.input(transcribeInput).subscription(async function* ({ input, ctx }) {
    yield* streamWithProgress(async (onProgress, onNote): Promise<TranscribeResult> => {
      const { result, cached, locator, notice } = await transcribeMedia(
        localStageResultStore(input.libraryDir),
        input.target,
        input.settings,
        {
          signal: ctx.signal,
          logger: ctx.logger,
          fresh: input.fresh,
          threads: input.threads,
          forceCpu: input.forceCpu,
          openaiApiKey: openaiKeyOf(input),
          onEngine: ({ provider, reason }) => onNote(`running on ${provider}: ${reason}`),
          onProgress: (p) => onProgress(p.fraction, p.stage, p.etaSec),
        },
      );
      return {
        transcriptFile: locator,
        cached,
        notice,
        segments: result.segments.length,
        words: result.segments.reduce((n, s) => n + s.words.length, 0),
      };
    });
  }),
});

export type TranscribeServiceRouter = typeof transcribeRouter;
