import { clipRenderKey, EVENT, UserFacingError, type Clip, type ClipRender } from '@kirinuki/contracts';
import type { TRPCClient } from '@trpc/client';
import { findClip } from '../clips/clips-repository.js';
import { newEventId } from '../events/event-id.js';
import { appendEvents } from '../events/events-repository.js';
import type { Library } from '../library/library.js';
import { findVideoById } from '../library/videos-repository.js';
import type { StageContext } from '../orchestrator/stage-handler.js';
import { callStageService } from '../service-process/progress-stream.js';
import type { RenderClipInput, RenderServiceRouter } from '../stage-services/render/render-router.js';

export interface RenderRequest {
  clipId: string;
  platform?: string | undefined;
  style?: string | undefined;
  outDir: string;
}

/**
 * Whether a recorded render still shows the clip as it is: its render key matches, or, for a
 * render recorded before keys, it came after the clip's last change.
 */
export function isCurrentRender(event: { at: string; payload: unknown }, clip: Clip): boolean {
  const render = event.payload as ClipRender;
  return render.clipKey !== undefined ? render.clipKey === clipRenderKey(clip) : event.at >= clip.updatedAt;
}

/**
 * Renders one clip in the render service and records its ClipRendered event: the clip and its
 * video are read here (the service reads no database), progress goes to `ctx`.
 */
export async function renderClipOnHost(
  library: Library,
  client: TRPCClient<RenderServiceRouter>,
  request: RenderRequest,
  ctx: Pick<StageContext, 'signal' | 'jobId' | 'reportProgress'>,
): Promise<ClipRender> {
  const clip = await findClip(library.db, request.clipId);
  if (!clip)
    throw new UserFacingError('NOT_FOUND', `No clip with id ${request.clipId}.`, {
      hint: 'Run `kirinuki clips list` to see the clips.',
    });
  const video = await findVideoById(library.db, clip.videoId);
  if (!video)
    throw new UserFacingError('NOT_FOUND', `The video of clip ${clip.id} is no longer in the library.`);
  const rendered = await callStageService<RenderClipInput, ClipRender>(
    (input, options) => client.renderClip.subscribe(input, options),
    {
      libraryDir: library.dir,
      clip,
      video,
      platform: request.platform,
      style: request.style,
      outDir: request.outDir,
    },
    ctx,
  );
  await appendEvents(library.db, [
    {
      id: newEventId(),
      type: EVENT.ClipRendered,
      aggregateId: clip.id,
      at: new Date().toISOString(),
      payload: { ...rendered, clipKey: clipRenderKey(clip), videoId: video.id },
    },
  ]);
  return rendered;
}
