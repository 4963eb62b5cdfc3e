import type { Command } from 'commander';
import { UserFacingError } from '@kirinuki/pipeline';
import {
  isSettingKey,
  parseSettingValue,
  readSettings,
  SETTING_DEFAULTS,
  writeSetting,
} from '../../node/library/settings-repository.js';
import { defineAction } from '../define-action.js';
import { withLibrary } from '../with-library.js';

const known = Object.keys(SETTING_DEFAULTS).join(', ');

export function registerSettingsCommand(program: Command): void {
  const settings = program.command('settings').description('Read and change the library settings');
  settings
    .command('get')
    .description('Show every setting, or one')
    .argument('[key]', `one of: ${known}`)
    .action(
      defineAction(async (ctx, key: string | undefined) =>
        withLibrary(ctx, async ({ library }) => {
          const all = await readSettings(library.db);
          if (key !== undefined && !isSettingKey(key))
            throw new UserFacingError('INVALID_ARGUMENT', `There is no setting "${key}".`, {
              hint: `Settings: ${known}.`,
            });
          const shown = key ? { [key]: all[key] } : all;
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
        withLibrary(ctx, async ({ library }) => {
          if (!isSettingKey(key))
            throw new UserFacingError('INVALID_ARGUMENT', `There is no setting "${key}".`, {
              hint: `Settings: ${known}.`,
            });
          let parsed;
          try {
            parsed = parseSettingValue(key, value);
          } catch (error) {
            throw new UserFacingError('INVALID_ARGUMENT', (error as Error).message);
          }
          await writeSetting(library.db, key, parsed);
          return { json: { settings: { [key]: parsed } }, text: `${key} = ${JSON.stringify(parsed)}` };
        }),
      ),
    );
}
