import type { Command } from 'commander';
import { SETTING_DEFAULTS } from '@kirinuki/contracts';
import { defineAction } from '../define-action.js';
import { withHost } from '../with-host.js';

const known = Object.keys(SETTING_DEFAULTS).join(', ');

export function registerSettingsCommand(program: Command): void {
  const settings = program.command('settings').description('Read and change the library settings');
  settings
    .command('get')
    .description('Show every setting, or one')
    .argument('[key]', `one of: ${known}`)
    .action(
      defineAction(async (ctx, key: string | undefined) =>
        withHost(ctx, async (host) => {
          const shown = await host.settings.read(key);
          return {
            json: { settings: shown },
            text: Object.entries(shown)
              .map(([k, v]) => `${k} = ${JSON.stringify(v)}`)
              .join('\n'),
          };
        }),
      ),
    );
  settings
    .command('set')
    .description('Change a setting')
    .argument('<key>', `one of: ${known}`)
    .argument('<value>', 'the new value')
    .action(
      defineAction(async (ctx, key: string, value: string) =>
        withHost(ctx, async (host) => {
          const set = await host.settings.set(key, value);
          return {
            json: { settings: { [set.key]: set.value } },
            text: `${set.key} = ${JSON.stringify(set.value)}`,
          };
        }),
      ),
    );
}
