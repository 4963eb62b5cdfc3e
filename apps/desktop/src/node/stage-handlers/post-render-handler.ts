import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { EVENT, PRESET_OF, UserFacingError, type Clip, type ClipRender } from '@kirinuki/contracts';
import type { TRPCClient } from '@trpc/client';
import { findClip } from '../clips/clips-repository.js';
import { listEvents } from '../events/events-repository.js';
import type { Library } from '../library/library.js';
import type { StageHandler } from '../orchestrator/stage-handler.js';
import type { Social } from '../social/open-social.js';
import { findPost, updatePost } from '../social/posts-repository.js';
import type { RenderServiceRouter } from '../stage-services/render/render-router.js';
import { isCurrentRender, renderClipOnHost } from './render-clip-on-host.js';

/** What the render stage of a post hands to its publish: the file to upload, byte for byte. */
export interface PostRenderOutput {
  file: string;
  size: number;
  reused: boolean;
}

/** The clip's newest render for a preset that still shows the clip as it is, when its file is still there. */
export async function existingRender(library: Library, clip: Clip, preset: string) {
  const renders = await listEvents(library.db, { aggregateId: clip.id, types: [EVENT.ClipRendered] });
  return (
    renders
      .filter((e) => isCurrentRender(e, clip))
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
  // One render per clip and preset at a time: posts of the same clip queued together wait for the
  // first one's render and reuse it, instead of rendering the same file again under its upload.
  const rendering = new Map<string, Promise<ClipRender>>();
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
      const key = `${clip.id}:${preset}`;
      let found = await existingRender(library, clip, preset);
      for (let running = rendering.get(key); !found && running; running = rendering.get(key)) {
        await running.catch(() => undefined);
        found = await existingRender(library, clip, preset);
      }
      let rendered = found;
      if (!rendered) {
        const render = renderClipOnHost(
          library,
          deps.client,
          { clipId: clip.id, platform: preset, outDir: path.join(library.dir, 'exports') },
          ctx,
        );
        rendering.set(key, render);
        try {
          rendered = await render;
        } finally {
          rendering.delete(key);
        }
      }
      const size = statSync(rendered.output).size;
      await updatePost(social.db, post.id, { renderFile: rendered.output, bytesTotal: size });
      return { file: rendered.output, size, reused: found !== null };
    },
  };
}
