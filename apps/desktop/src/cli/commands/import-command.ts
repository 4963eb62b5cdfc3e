import type { Command } from 'commander';
import { abortError, describeFailure, UserFacingError } from '@kirinuki/pipeline';
import { ulid } from 'ulid';
import { looksLikeUrl } from '../../node/library/import-media.js';
import { videoStatusOf } from '../../node/jobs/job-views-repository.js';
import { publicVideo } from '../../node/library/public-video.js';
import { findVideoById } from '../../node/library/videos-repository.js';
import { jobErrorToUserFacing } from '../../node/jobs/job-queue.js';
import type { IngestOutput } from '../../node/stages/ingest-stage.js';
import { defineAction } from '../define-action.js';
import { withJobQueue } from '../with-job-queue.js';
import { withLibrary } from '../with-library.js';

interface ImportFlags {
  copy?: boolean;
  link?: boolean;
  allowPrivateNetwork?: boolean;
}

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description(
      'Import video files or URLs into the library (checked, copied under their sha256) through the job queue',
    )
    .argument('<inputs...>', 'video files or http(s) URLs')
    .option('--copy', 'copy into the library (default)')
    .option('--link', 'reference local files in place instead of copying')
    .option('--allow-private-network', 'allow URLs on loopback, private or link-local addresses')
    .action(
      defineAction(async (ctx, inputs: string[], flags: ImportFlags) =>
        withLibrary(ctx, (session) =>
          withJobQueue(ctx, session, async ({ orchestrator }) => {
            const mode = flags.link ? 'link' : flags.copy ? 'copy' : session.settings.importMode;
            // Each input gets a reserved video id and an ingest job; the queue runs them.
            const queued: Array<{ input: string; jobId: string }> = [];
            for (const input of inputs) {
              const source = looksLikeUrl(input) ? input : ctx.userPath(input);
              const [job] = await orchestrator.enqueue(ulid(), ['ingest'], {
                params: { source, mode, allowPrivateNetwork: Boolean(flags.allowPrivateNetwork) },
              });
              queued.push({ input, jobId: job!.id });
            }
            const onAbort = () =>
              void Promise.all(queued.map((q) => orchestrator.cancel(q.jobId).catch(() => [])));
            ctx.signal.addEventListener('abort', onAbort, { once: true });
            await orchestrator
              .runUntilIdle(ctx.signal)
              .finally(() => ctx.signal.removeEventListener('abort', onAbort));

            const results: Array<Record<string, unknown>> = [];
            const lines: string[] = [];
            let failures = 0;
            for (const { input, jobId } of queued) {
              try {
                const job = await orchestrator.get(jobId);
                if (job?.status === 'cancelled' || ctx.signal.aborted) throw abortError();
                if (job?.status === 'failed' && job.error) throw jobErrorToUserFacing(job.error);
                const output = job?.output as IngestOutput | undefined;
                const video = output && (await findVideoById(session.library.db, output.videoId));
                if (!video)
                  throw new UserFacingError(
                    'INTERNAL',
                    `The import of ${input} did not finish (job ${jobId} is ${job?.status ?? 'missing'}).`,
                  );
                for (const warning of output.warnings) ctx.logger.warn({ input }, warning);
                results.push({
                  video: publicVideo(video, { status: await videoStatusOf(session.library.db, video.id) }),
                  alreadyImported: output.alreadyImported,
                  warnings: output.warnings,
                  jobId,
                });
                lines.push(
                  `${output.alreadyImported ? 'Already in the library' : 'Imported'}: ${video.title} (${video.id})`,
                  ...output.warnings.map((w) => `  warning: ${w}`),
                );
              } catch (error) {
                // One input: the error is the command's. Several: report each and go on.
                if (inputs.length === 1) throw error;
                failures += 1;
                const { error: described } = describeFailure(error);
                results.push({ input, error: described });
                lines.push(
                  `Failed: ${input}\n  [${described.code}] ${described.message}\n  → ${described.hint}`,
                );
              }
            }
            const json = inputs.length === 1 ? results[0] : { results };
            return { json, text: lines.join('\n'), exitCode: failures ? 2 : 0 };
          }),
        ),
      ),
    );
}
