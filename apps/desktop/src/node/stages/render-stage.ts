import path from 'node:path';
import type { TRPCClient } from '@trpc/client';
import { listClips } from '../clips/clips-repository.js';
import { listEvents } from '../events/events-repository.js';
import type { Library } from '../library/library.js';
import type { StageContext, StageHandler } from '../orchestrator/stage-handler.js';
import type { LibraryRender } from '../render/render-library-clip.js';
import { estimateEtaMs } from '../orchestrator/progress-eta.js';
import { callStageService } from '../services/progress-stream.js';
import type { RenderClipInput, RenderServiceRouter } from './render-service-router.js';
import type { SegmentOutput } from './segment-stage.js';

/** A clip render through the render service, with its progress reported to `ctx`. */
export function renderClipViaService(
  client: TRPCClient<RenderServiceRouter>,
  input: RenderClipInput,
  ctx: Pick<StageContext, 'signal' | 'jobId' | 'reportProgress'>,
): Promise<LibraryRender> {
  return callStageService(
    (i: RenderClipInput, options) => client.renderClip.subscribe(i, options),
    input,
    ctx,
  ) as Promise<LibraryRender>;
}

export interface RenderOutput {
  videoId: string;
  rendered: Array<Pick<LibraryRender, 'clipId' | 'output' | 'cover' | 'srt' | 'style' | 'preset'>>;
}

/**
 * The render stage of a video: renders its approved clips, one call to the render service each.
 * Params: platform, style, outDir (default `<library>/exports`). A clip already rendered with
 * the same platform and style since its last edit is not rendered again, so a rerun after a
 * crash finishes the rest instead of starting over.
 */
export function createRenderStage(deps: {
  library: Library;
  client: TRPCClient<RenderServiceRouter>;
}): StageHandler {
  return {
    stage: 'render',
    run: async (ctx) => {
      const { library } = deps;
      const videoId = (ctx.inputs.segment as SegmentOutput | undefined)?.videoId ?? ctx.videoId;
      const platform = typeof ctx.params.platform === 'string' ? ctx.params.platform : undefined;
      const style = typeof ctx.params.style === 'string' ? ctx.params.style : undefined;
      const outDir =
        typeof ctx.params.outDir === 'string' ? ctx.params.outDir : path.join(library.dir, 'exports');
      const clips = (await listClips(library.db, { videoId, status: 'approved' })).sort(
        (a, b) => a.position - b.position,
      );
      const renders = await listEvents(library.db, { types: ['ClipRendered'] });
      const rendered: RenderOutput['rendered'] = [];
      for (const [i, clip] of clips.entries()) {
        const previous = renders
          .filter((e) => e.aggregateId === clip.id && e.at >= clip.updatedAt)
          .map((e) => e.payload as LibraryRender & { platform?: string })
          .find(
            (r) =>
              r.style === (style ?? clip.style) &&
              r.preset === (platform ?? clip.platform) &&
              path.dirname(r.output) === path.resolve(outDir),
          );
        const result =
          previous ??
          (await renderClipViaService(
            deps.client,
            { libraryDir: library.dir, clipId: clip.id, platform, style, outDir },
            {
              signal: ctx.signal,
              jobId: ctx.jobId,
              reportProgress: (fraction, detail) =>
                ctx.reportProgress(
                  (i + fraction) / clips.length,
                  `clip ${i + 1}/${clips.length} ${detail ?? ''}`,
                ),
            },
          ));
        rendered.push({
          clipId: clip.id,
          output: result.output,
          cover: result.cover,
          srt: result.srt,
          style: result.style,
          preset: result.preset,
        });
      }
      return { videoId, rendered } satisfies RenderOutput;
    },
  };
}

/** One clip through the render service outside the queue (render now), with an ETA from its pace. */
export function renderClipNow(
  client: TRPCClient<RenderServiceRouter>,
  input: RenderClipInput,
  options: {
    signal: AbortSignal;
    correlationId: string;
    onProgress?: (p: { fraction: number; stage: string; etaSec: number | null }) => void;
  },
): Promise<LibraryRender> {
  const started = Date.now();
  return renderClipViaService(client, input, {
    signal: options.signal,
    jobId: options.correlationId,
    reportProgress: (fraction, detail) => {
      const etaMs = estimateEtaMs(started, Date.now(), fraction);
      options.onProgress?.({ fraction, stage: detail ?? '', etaSec: etaMs === null ? null : etaMs / 1000 });
    },
  });
}
