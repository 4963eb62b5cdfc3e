import path from 'node:path';
import { EVENT, type ClipRender, type RenderOutput, type SegmentOutput } from '@kirinuki/contracts';
import type { TRPCClient } from '@trpc/client';
import { listClips } from '../clips/clips-repository.js';
import { listEvents } from '../events/events-repository.js';
import type { Library } from '../library/library.js';
import type { StageHandler } from '../orchestrator/stage-handler.js';
import type { RenderServiceRouter } from '../stage-services/render/render-router.js';
import { isCurrentRender, renderClipOnHost } from './render-clip-on-host.js';

/**
 * The render stage of a video: renders its approved clips, one call to the render service each.
 * Params: platform, style, outDir (default `<library>/exports`). A clip already rendered with
 * the same platform and style since its last edit is not rendered again, so a rerun after a
 * crash finishes the rest instead of starting over.
 */
export function renderHandler(deps: {
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
      const renders = await listEvents(library.db, { types: [EVENT.ClipRendered] });
      const rendered: RenderOutput['rendered'] = [];
      for (const [i, clip] of clips.entries()) {
        const previous = renders
          .filter((e) => e.aggregateId === clip.id && isCurrentRender(e, clip))
          .map((e) => e.payload as ClipRender)
          .find(
            (r) =>
              r.style === (style ?? clip.style) &&
              r.preset === (platform ?? clip.platform) &&
              path.dirname(r.output) === path.resolve(outDir),
          );
        const result =
          previous ??
          (await renderClipOnHost(
            library,
            deps.client,
            { clipId: clip.id, platform, style, outDir },
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
        const { clipId, output, cover, srt } = result;
        rendered.push({ clipId, output, cover, srt, style: result.style, preset: result.preset });
      }
      return { videoId, rendered } satisfies RenderOutput;
    },
  };
}
