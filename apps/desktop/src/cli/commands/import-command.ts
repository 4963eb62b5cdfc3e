import type { Command } from 'commander';
import { describeFailure } from '@kirinuki/pipeline';
import { importMedia } from '../../node/library/import-media.js';
import { defineAction } from '../define-action.js';
import { progressLine, publicVideo } from '../format.js';
import { withLibrary } from '../with-library.js';

interface ImportFlags {
  copy?: boolean;
  link?: boolean;
  allowPrivateNetwork?: boolean;
}

const STAGE_LABEL = {
  checking: 'Checking',
  downloading: 'Downloading',
  copying: 'Copying',
  hashing: 'Hashing',
  saving: 'Saving',
};

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('Import video files or URLs into the library (checked, copied under their sha256)')
    .argument('<inputs...>', 'video files or http(s) URLs')
    .option('--copy', 'copy into the library (default)')
    .option('--link', 'reference local files in place instead of copying')
    .option('--allow-private-network', 'allow URLs on loopback, private or link-local addresses')
    .action(
      defineAction(async (ctx, inputs: string[], flags: ImportFlags) => {
        return withLibrary(ctx, async ({ library, settings, ffmpeg, ffprobe }) => {
          const mode = flags.link ? 'link' : flags.copy ? 'copy' : settings.importMode;
          const results: Array<Record<string, unknown>> = [];
          const lines: string[] = [];
          let failures = 0;
          for (const input of inputs) {
            try {
              const result = await importMedia(library, input.includes('://') ? input : ctx.userPath(input), {
                mode,
                ffmpeg,
                ffprobe,
                maxBytes: settings.maxImportBytes,
                allowPrivateNetwork: Boolean(flags.allowPrivateNetwork) || settings.allowPrivateNetwork,
                signal: ctx.signal,
                logger: ctx.logger,
                onProgress: (p) => ctx.progress(progressLine(STAGE_LABEL[p.stage], p)),
              });
              ctx.progressDone();
              for (const warning of result.warnings) ctx.logger.warn({ input }, warning);
              results.push({
                video: publicVideo(result.video),
                alreadyImported: result.alreadyImported,
                warnings: result.warnings,
              });
              lines.push(
                `${result.alreadyImported ? 'Already in the library' : 'Imported'}: ${result.video.title} (${result.video.id})`,
                ...result.warnings.map((w) => `  warning: ${w}`),
              );
            } catch (error) {
              ctx.progressDone();
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
        });
      }),
    );
}
