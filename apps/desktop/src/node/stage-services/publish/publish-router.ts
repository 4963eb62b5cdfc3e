import { z } from 'zod';
import { PUBLISH_PLATFORMS } from '@kirinuki/contracts';
import {
  createPlatformClient,
  type PlatformPost,
  type PublishResult,
  type UploadState,
} from '@kirinuki/social';
import { streamWithProgress } from '../../service-process/progress-stream.js';
import { answerProcedure, serviceTrpc as t } from '../service-trpc.js';

export const publishInput = z.object({
  platform: z.enum(PUBLISH_PLATFORMS),
  /** Every request of the platform goes here instead (a local fake); null: the platform's own. */
  origin: z.string().nullable(),
  post: z.custom<PlatformPost>((v) => typeof v === 'object' && v !== null),
  file: z.object({ path: z.string(), size: z.number().int().nonnegative() }),
  resume: z.custom<UploadState | null>((v) => v === null || (typeof v === 'object' && v !== null)),
  tokenExtra: z.record(z.string(), z.string()),
});
export type PublishInput = z.infer<typeof publishInput>;

/** What the publish service asks its host during an upload. */
export type PublishQuestion =
  { kind: 'access-token'; fresh: boolean } | { kind: 'save-state'; state: UploadState };

/**
 * The publish service: uploads a rendered clip to a platform and makes the post. It keeps nothing:
 * access tokens come from the host when asked (refreshed there, from its secret store), and each
 * upload step's state goes to the host to be saved before the next step.
 */
export const publishRouter = t.router({
  publish: t.procedure.input(publishInput).subscription(async function* ({ input, ctx }) {
    const client = createPlatformClient(input.platform, { origin: input.origin });
    yield* streamWithProgress<PublishResult>(
      (onProgress, _onNote, ask) =>
        client.publish(input.post, {
          signal: ctx.signal,
          accessToken: async (options) =>
            (await ask({
              kind: 'access-token',
              fresh: options?.fresh === true,
            } satisfies PublishQuestion)) as string,
          tokenExtra: input.tokenExtra,
          file: input.file,
          resume: input.resume,
          saveState: async (state) => {
            await ask({ kind: 'save-state', state } satisfies PublishQuestion);
          },
          onProgress: (p) => onProgress(p.bytesTotal ? p.bytesSent / p.bytesTotal : 0, p.stage),
        }),
      ctx.signal,
    );
  }),
  answer: answerProcedure,
});

export type PublishServiceRouter = typeof publishRouter;
