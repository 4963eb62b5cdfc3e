import type { Command } from 'commander';
import { describeFailure } from '@kirinuki/contracts';
import { defineAction } from '../define-action.js';
import { withHost } from '../with-host.js';

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
        withHost(ctx, async (host) => {
          const mode = flags.link ? 'link' : flags.copy ? 'copy' : undefined;
          const outcomes = await host.library.importVideos(
            inputs.map((input) => ({ input, mode, allowPrivateNetwork: Boolean(flags.allowPrivateNetwork) })),
            { pipeline: 'ingest', cwd: ctx.cwd, signal: ctx.signal },
          );
          const results: Array<Record<string, unknown>> = [];
          const lines: string[] = [];
          for (const outcome of outcomes) {
            if (outcome.ok) {
              const { video, alreadyImported, warnings, jobId } = outcome;
              for (const warning of warnings) ctx.logger.warn({ input: video.source }, warning);
              results.push({ video, alreadyImported, warnings, jobId });
              lines.push(
                `${alreadyImported ? 'Already in the library' : 'Imported'}: ${video.title} (${video.id})`,
                ...warnings.map((w) => `  warning: ${w}`),
              );
              continue;
            }
            // One input: the error is the command's. Several: report each and go on.
            if (inputs.length === 1) throw outcome.error;
            const { error } = describeFailure(outcome.error);
            results.push({ input: outcome.input, error });
            lines.push(`Failed: ${outcome.input}\n  [${error.code}] ${error.message}\n  → ${error.hint}`);
          }
          const failures = outcomes.filter((o) => !o.ok).length;
          return {
            json: inputs.length === 1 ? results[0] : { results },
            text: lines.join('\n'),
            exitCode: failures ? 2 : 0,
          };
        }),
      ),
    );
}
