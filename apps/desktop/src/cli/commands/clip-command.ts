import type { Command } from 'commander';
import path from 'node:path';
import { formatClock, UserFacingError } from '@kirinuki/pipeline';
import { isPlatformName, PLATFORM_NAMES } from '@kirinuki/pipeline/platforms/platform-presets';
import { ulid } from 'ulid';
import { findClip } from '../../node/clips/clips-repository.js';
import { looksLikeUrl } from '../../node/library/import-media.js';
import { findVideoById } from '../../node/library/videos-repository.js';
import { jobErrorToUserFacing } from '../../node/jobs/job-queue.js';
import type { RenderServiceRouter } from '../../node/stages/render-service-router.js';
import { renderClipNow } from '../../node/stages/render-stage.js';
import { IMPORT_STAGES } from '../../node/orchestrator/pipeline-stages.js';
import { supersededBy } from '../../node/orchestrator/stage-handler.js';
import type { SegmentOutput } from '../../node/stages/segment-stage.js';
import type { Clip } from '../../common/clip-types.js';
import { defineAction } from '../define-action.js';
import { withJobQueue } from '../with-job-queue.js';
import { withLibrary } from '../with-library.js';

interface ClipFlags {
  platform?: string;
  count?: string;
  min?: string;
  max?: string;
  fresh?: boolean;
  allowPrivateNetwork?: boolean;
  render?: boolean;
  style?: string;
  out?: string;
  rerank?: boolean;
}

const seconds = (flag: string, value: string | undefined) => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new UserFacingError('INVALID_ARGUMENT', `${flag} takes a number of seconds, not "${value}".`);
  return n;
};

/** A proposal as `kirinuki clip --json` prints it. */
export const clipSummary = (c: Clip) => ({
  id: c.id,
  rank: c.rank,
  start: c.start,
  end: c.end,
  duration: c.duration,
  score: c.score,
  reasons: c.reasons,
  text: c.text,
  title: c.title,
  hashtags: c.hashtags,
});

export function registerClipCommand(program: Command): void {
  program
    .command('clip')
    .description(
      'Find the best clips in a video: import → transcribe ∥ vision → proposals with scores and reasons',
    )
    .argument('<input>', 'a video file, an http(s) URL, or the id of a video in the library')
    .option(
      '--platform <name>',
      `platform preset: ${PLATFORM_NAMES.join(', ')} (default: the platform setting, tiktok)`,
    )
    .option('--count <n>', 'how many clips to propose (1–50, default 10)')
    .option('--min <sec>', 'shortest clip, seconds (default: the platform’s)')
    .option('--max <sec>', 'longest clip, seconds (default: the platform’s)')
    .option('--fresh', 'recompute the transcript, vision and proposals instead of reusing them')
    .option('--allow-private-network', 'allow URLs on loopback, private or link-local addresses')
    .option('--rerank', 'ask an OpenAI model for a second opinion on the ranking (your key; cached)')
    .option('--no-rerank', 'heuristic ranking only, whatever the llmRerank setting says')
    .option('--render', 'also render the proposed clips (MP4 + cover + SRT each)')
    .option('--style <name>', 'caption style for --render: highlight, pop, boxed, minimal or none')
    .option('--out <dir>', 'output folder for --render (default: <library>/exports)')
    .action(
      defineAction(async (ctx, input: string, flags: ClipFlags) =>
        withLibrary(ctx, (session) =>
          withJobQueue(ctx, session, async ({ orchestrator, stages, stageHost }) => {
            const platform = flags.platform ?? session.settings.platform;
            if (!isPlatformName(platform)) {
              throw new UserFacingError('INVALID_ARGUMENT', `Unknown platform "${platform}".`, {
                hint: `Use one of: ${PLATFORM_NAMES.join(', ')}.`,
              });
            }
            const count = flags.count === undefined ? session.settings.clipCount : Number(flags.count);
            if (!Number.isInteger(count) || count < 1 || count > 50)
              throw new UserFacingError(
                'INVALID_ARGUMENT',
                `--count takes a whole number from 1 to 50, not "${flags.count}".`,
              );
            const missing = IMPORT_STAGES.filter((s) => !stages.includes(s));
            if (missing.length)
              throw new UserFacingError(
                'INTERNAL',
                `This build cannot run the ${missing.join(', ')} stage(s) yet.`,
              );
            const params = {
              platform,
              count,
              minSec: seconds('--min', flags.min),
              maxSec: seconds('--max', flags.max),
              fresh: Boolean(flags.fresh),
              // Unset: the llmRerank setting decides.
              ...(flags.rerank === undefined ? {} : { rerank: flags.rerank }),
            };

            const existing = looksLikeUrl(input) ? null : await findVideoById(session.library.db, input);
            let videoId: string;
            if (existing) {
              videoId = existing.id;
              // Proposals again for these settings; transcript and vision again only with --fresh.
              await orchestrator.rerun(videoId, flags.fresh ? ['transcribe', 'vision'] : ['segment'], {
                params,
              });
            } else {
              videoId = ulid();
              const source = looksLikeUrl(input) ? input : ctx.userPath(input);
              await orchestrator.enqueue(videoId, IMPORT_STAGES, {
                params: { ...params, source, allowPrivateNetwork: Boolean(flags.allowPrivateNetwork) },
              });
            }
            const onAbort = () =>
              void orchestrator
                .list({ videoId })
                .then((jobs) => Promise.all(jobs.map((j) => orchestrator.cancel(j.id))));
            ctx.signal.addEventListener('abort', onAbort, { once: true });
            await orchestrator
              .runUntilIdle(ctx.signal)
              .finally(() => ctx.signal.removeEventListener('abort', onAbort));
            // A file whose content is already in the library: the queue moved the work to that
            // video; its proposals are made again for these settings, as for a video id.
            const ingestJob = existing
              ? null
              : (await orchestrator.list({ videoId })).find((j) => j.stage === 'ingest');
            const known = ingestJob && supersededBy((await orchestrator.get(ingestJob.id))?.output, videoId);
            if (known) {
              videoId = known;
              await orchestrator.rerun(videoId, flags.fresh ? ['transcribe', 'vision'] : ['segment'], {
                params,
              });
              ctx.signal.addEventListener('abort', onAbort, { once: true });
              await orchestrator
                .runUntilIdle(ctx.signal)
                .finally(() => ctx.signal.removeEventListener('abort', onAbort));
            }

            const jobs = await orchestrator.list({ videoId });
            const failed = jobs.find((j) => j.status === 'failed' && j.error);
            if (failed?.error) throw jobErrorToUserFacing(failed.error);
            const segmentJob = jobs.find((j) => j.stage === 'segment');
            const detail = segmentJob && (await orchestrator.get(segmentJob.id));
            if (detail?.status !== 'done')
              throw new UserFacingError(
                'CANCELLED',
                `Clip finding stopped before the proposals (${detail?.status ?? 'no segment job'}).`,
                { hint: 'Run `kirinuki jobs resume` to finish it.' },
              );
            const output = detail.output as SegmentOutput;
            const clips = (await Promise.all(output.clipIds.map((id) => findClip(session.library.db, id))))
              .filter((c): c is Clip => c !== null)
              .sort((a, b) => a.rank - b.rank);
            const outputs = new Map<string, string>();
            if (flags.render) {
              const renderer = stageHost.supervisor.client<RenderServiceRouter>('render');
              for (const clip of clips) {
                const rendered = await renderClipNow(
                  renderer,
                  {
                    libraryDir: session.library.dir,
                    clipId: clip.id,
                    platform,
                    ...(flags.style ? { style: flags.style } : {}),
                    outDir: flags.out ? ctx.userPath(flags.out) : path.join(session.library.dir, 'exports'),
                  },
                  {
                    signal: ctx.signal,
                    correlationId: `render-${clip.id}`,
                    onProgress: (p) =>
                      ctx.progress(
                        `render #${clip.rank} ${p.stage.padEnd(9)} ${String(Math.round(p.fraction * 100)).padStart(3)}%`,
                      ),
                  },
                );
                outputs.set(clip.id, rendered.output);
              }
              ctx.progressDone();
            }
            const json = {
              videoId: output.videoId,
              platform: output.platform,
              ...(output.rerank ? { rerank: output.rerank } : {}),
              clips: clips.map((c) => ({
                ...clipSummary(c),
                ...(outputs.has(c.id) ? { output: outputs.get(c.id) } : {}),
              })),
            };
            const text = [
              `${clips.length} clip(s) for ${platform} from video ${output.videoId}:`,
              ...clips.map(
                (c) =>
                  `#${c.rank} ${String(c.score).padStart(3)}  ${formatClock(c.start)}–${formatClock(c.end)}  ${c.title}\n     ${c.reasons.join(' · ')}${outputs.has(c.id) ? `\n     → ${outputs.get(c.id)}` : ''}`,
              ),
            ].join('\n');
            return { json, text };
          }),
        ),
      ),
    );
}
