import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { EVENT, PRESET_OF, UserFacingError, type ClipRender } from '@kirinuki/contracts';
import type { TRPCClient } from '@trpc/client';
import { findClip } from '../clips/clips-repository.js';
import { listEvents } from '../events/events-repository.js';
import type { Library } from '../library/library.js';
import type { StageHandler } from '../orchestrator/stage-handler.js';
import type { Social } from '../social/open-social.js';
import { findPost, updatePost } from '../social/posts-repository.js';
import type { RenderServiceRouter } from '../stage-services/render/render-router.js';
import { renderClipOnHost } from './render-clip-on-host.js';

/** What the render stage of a post hands to its publish: the file to upload, byte for byte. */
export interface PostRenderOutput {
  file: string;
  size: number;
  reused: boolean;
}

/** The clip's newest render for a preset since it was last edited, when its file is still there. */
export async function existingRender(
  library: Library,
  clip: { id: string; updatedAt: string; style: string },
  preset: string,
) {
  const renders = await listEvents(library.db, { aggregateId: clip.id, types: [EVENT.ClipRendered] });
  return (
    renders
      .filter((e) => e.at >= clip.updatedAt)
      .map((e) => e.payload as ClipRender)
      .reverse()
      .find((r) => r.preset === preset && r.style === clip.style && existsSync(r.output)) ?? null
  );
}

/**
 * The render of a post: the clip's render for the platform's preset, reused when one is there (say
 * from `kirinuki render <clip> --platform shorts`), else made now. It runs when the post is
 * queued or scheduled, never at its due time.
 */
export function postRenderHandler(deps: {
  library: Library;
  social: Social;
  client: TRPCClient<RenderServiceRouter>;
}): StageHandler {
  const { library, social } = deps;
  return {
    stage: 'post-render',
    run: async (ctx): Promise<PostRenderOutput> => {
      const post = await findPost(social.db, ctx.subject.id);
      if (!post) throw new UserFacingError('NOT_FOUND', `No post with id ${ctx.subject.id}.`);
      const clip = await findClip(library.db, post.clipId);
      if (!clip)
        throw new UserFacingError('NOT_FOUND', `The clip of post ${post.id} is no longer in the library.`, {
          hint: 'Cancel the post (`kirinuki posts cancel <id>`), or post another clip.',
        });
      const preset = PRESET_OF[post.platform];
      const found = await existingRender(library, clip, preset);
      const rendered =
        found ??
        (await renderClipOnHost(
          library,
          deps.client,
          { clipId: clip.id, platform: preset, outDir: path.join(library.dir, 'exports') },
          ctx,
        ));
      const size = statSync(rendered.output).size;
      await updatePost(social.db, post.id, { renderFile: rendered.output, bytesTotal: size });
      return { file: rendered.output, size, reused: found !== null };
    },
  };
}
