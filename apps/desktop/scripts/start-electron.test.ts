import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { STAGE_SERVICES } from '../src/node/stage-handlers/stage-host.js';

const desktop = path.resolve(import.meta.dirname, '..');
const out = path.join(desktop, 'dist', 'electron');

describe('the app bundle (`pnpm start` without an Electron binary: --build-only)', () => {
  it(
    'builds main, preload, renderer and every service, whose imports all resolve',
    { timeout: 90_000 },
    () => {
      const built = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'scripts/start-electron.ts', '--build-only'],
        {
          cwd: desktop,
          encoding: 'utf8',
        },
      );
      expect(built.status, built.stderr).toBe(0);
      for (const file of [
        'main.mjs',
        'preload.cjs',
        'renderer/index.html',
        'whisper.entry.mjs',
        'provider-probe.entry.mjs',
      ])
        expect(existsSync(path.join(out, file)), file).toBe(true);
      for (const name of STAGE_SERVICES) {
        // Run under plain Node, a service gets as far as looking for its host: every import resolved.
        const run = spawnSync(process.execPath, [path.join(out, `${name}-service.entry.mjs`)], {
          encoding: 'utf8',
          timeout: 20_000,
        });
        expect(run.stderr, name).not.toMatch(/ERR_MODULE_NOT_FOUND|Cannot find (package|module)/);
        expect(run.stderr, name).toContain('must be started by the service host');
      }
    },
  );
});
