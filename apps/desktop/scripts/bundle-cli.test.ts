import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runnableEntry } from '@kirinuki/pipeline/process/fork-entry';
// @ts-expect-error plain JavaScript module of the bin folder (no declarations)
import { bundleIsCurrent } from '../bin/cli-bundle.js';
import { BUNDLE_STAMP, bundleCli, CLI_MAIN } from './bundle-cli.js';

const codeCacheJs = path.resolve(import.meta.dirname, '../bin/code-cache.js');
import { STAGE_SERVICES } from '../src/node/stage-handlers/stage-host.js';

const isCurrent = bundleIsCurrent as (stamp: URL) => boolean;
const temp = mkdtempSync(path.join(tmpdir(), 'kirinuki-bundle-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe('the CLI bundle', () => {
  it('bundles the CLI and every forked entry, and runs', { timeout: 60_000 }, async () => {
    const out = path.join(temp, 'dist');
    await bundleCli(out);
    expect(existsSync(path.join(out, CLI_MAIN))).toBe(true);
    for (const name of [
      ...STAGE_SERVICES.map((s) => `${s}-service.entry`),
      'provider-probe.entry',
      'whisper.entry',
    ])
      expect(existsSync(path.join(out, `${name}.mjs`)), name).toBe(true);
    const stamp = JSON.parse(readFileSync(path.join(out, BUNDLE_STAMP), 'utf8')) as { inputs: string[] };
    expect(stamp.inputs).toContain(path.resolve(import.meta.dirname, '../src/cli/main.ts'));
    expect(stamp.inputs.some((f) => f.endsWith('pnpm-lock.yaml'))).toBe(true);
    expect(stamp.inputs.some((f) => f.includes(`${path.sep}node_modules${path.sep}`))).toBe(false);
    // The bundle forks its own entries: the directory is compiled in where fork-entry reads it.
    const cli = readFileSync(path.join(out, CLI_MAIN), 'utf8');
    expect(cli).not.toContain('process.env.KIRINUKI_BUILT_ENTRIES_DIR');
    expect(cli).toContain(JSON.stringify(out));
    // Run as bin/kirinuki.js runs it: with V8's code cache made on the first run, used after.
    const runner = path.join(temp, 'run-cli.mjs');
    writeFileSync(
      runner,
      `import { runWithCodeCache } from ${JSON.stringify(pathToFileURL(codeCacheJs).href)};\nrunWithCodeCache(${JSON.stringify(path.join(out, CLI_MAIN))});\n`,
    );
    const run = () =>
      spawnSync(process.execPath, [runner, '--version'], {
        encoding: 'utf8',
        env: { ...process.env, KIRINUKI_DEBUG_CODE_CACHE: '1' },
      });
    const first = run();
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    expect(first.stderr).toContain('code cache: made');
    expect(run().stderr).toContain('code cache: used');
    // A cache that does not fit the bundle (another build) is refused and made again.
    writeFileSync(path.join(out, `${CLI_MAIN}.v8cache`), Buffer.alloc(4096, 7));
    const refused = run();
    expect(refused.status).toBe(0);
    expect(refused.stderr).toContain('code cache: rejected');
    expect(run().stderr).toContain('code cache: used');
  });

  it('is current only while no input is newer than its build', () => {
    const a = path.join(temp, 'a.ts');
    const b = path.join(temp, 'b.ts');
    writeFileSync(a, '');
    writeFileSync(b, '');
    const old = new Date(Date.now() - 60_000);
    utimesSync(a, old, old);
    utimesSync(b, old, old);
    const stamp = path.join(temp, 'stamp.json');
    const url = pathToFileURL(stamp);
    expect(isCurrent(url)).toBe(false); // no stamp yet
    writeFileSync(stamp, JSON.stringify({ startedAtMs: Date.now() - 1000, inputs: [a, b] }));
    expect(isCurrent(url)).toBe(true);
    utimesSync(b, new Date(), new Date()); // edited after the build started
    expect(isCurrent(url)).toBe(false);
    utimesSync(b, old, old);
    rmSync(a); // a source file that went in is gone
    expect(isCurrent(url)).toBe(false);
    writeFileSync(stamp, '{not json');
    expect(isCurrent(url)).toBe(false);
  });
});

describe('runnableEntry', () => {
  it('runs a source entry as its bundled twin only where the bundle has it', () => {
    const built = path.join(temp, 'built');
    rmSync(built, { recursive: true, force: true });
    mkdirSync(built, { recursive: true });
    writeFileSync(path.join(built, 'ingest-service.entry.mjs'), '');
    const source = '/src/electron-utility/ingest/ingest-service.entry.ts';
    expect(runnableEntry(source, built)).toBe(path.join(built, 'ingest-service.entry.mjs'));
    expect(runnableEntry(source, undefined)).toBe(source);
    expect(runnableEntry('/src/x/render-service.entry.ts', built)).toBe('/src/x/render-service.entry.ts');
    expect(runnableEntry('/src/x/helper.ts', built)).toBe('/src/x/helper.ts');
  });
});
