import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const fixture = path.join(here, 'fixtures/workspace');
const depcruiseBin = path.join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const run = promisify(execFile);

/**
 * The arguments of one of the root `lint:graph` script's depcruise runs (0: the design rules, 1:
 * what the hosts load at run time), so the test cruises exactly what the lint does.
 */
function lintGraphArguments(which: 0 | 1 = 0): string[] {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const [command, ...args] = (manifest.scripts['lint:graph'] ?? '').split('&&')[which]!.trim().split(/\s+/);
  expect(command).toBe('depcruise');
  return args;
}

const workspaces: string[] = [];
afterAll(() => workspaces.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/**
 * A copy of the fixture workspace with the real config beside it. With `linked`, its packages are
 * reachable by name as pnpm links them; without, `@kirinuki/…` names do not resolve.
 */
function fixtureWorkspace(linked: boolean): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kirinuki-import-graph-'));
  workspaces.push(dir);
  cpSync(fixture, dir, { recursive: true });
  for (const config of ['.dependency-cruiser.cjs', '.dependency-cruiser.runtime.cjs'])
    cpSync(path.join(root, config), path.join(dir, config));
  // A native module only services may load, as a package of its own.
  mkdirSync(path.join(dir, 'node_modules/onnxruntime-node'), { recursive: true });
  writeFileSync(
    path.join(dir, 'node_modules/onnxruntime-node/package.json'),
    '{"name":"onnxruntime-node","main":"index.js"}',
  );
  writeFileSync(path.join(dir, 'node_modules/onnxruntime-node/index.js'), 'module.exports = {};');
  if (linked) {
    mkdirSync(path.join(dir, 'node_modules/@kirinuki'), { recursive: true });
    for (const folder of ['apps/desktop', 'packages/x', 'packages/y']) {
      const link = path.join(dir, 'node_modules/@kirinuki', path.basename(folder));
      symlinkSync(path.join(dir, folder), link, 'junction');
    }
  }
  return dir;
}

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
  cycle?: { name: string }[];
}

/** Every violation the lint reports in `dir`, as `rule: from → to` (a circle: its members, sorted). */
async function violationsIn(dir: string, which: 0 | 1 = 0): Promise<string[]> {
  const args = [depcruiseBin, ...lintGraphArguments(which), '--output-type', 'json'];
  // depcruise exits with the number of errors; the report is on stdout either way.
  const { stdout } = await run(process.execPath, args, { cwd: dir, maxBuffer: 64 * 1024 * 1024 }).catch(
    (error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }),
  );
  const report = JSON.parse(stdout) as { summary: { violations: Violation[] } };
  return report.summary.violations
    .map(({ rule, from, to, cycle }) =>
      cycle
        ? `${rule.name}: ${cycle
            .map((step) => step.name)
            .sort()
            .join(' ⇄ ')}`
        : `${rule.name}: ${from} → ${to}`,
    )
    .sort();
}

const app = 'apps/desktop/src/node';
let linkedRun: Promise<string[]> | undefined;
/** The violations with package names linked, cruised once for the tests that read them. */
const linkedViolations = () => (linkedRun ??= violationsIn(fixtureWorkspace(true)));

/** What every run reports, whether or not package names resolve. */
const reportedAlways = [
  `no-circular: ${app}/stages/vision-service-router.ts ⇄ ${app}/stages/vision-stage.ts`,
  `no-host-imports-service-code: ${app}/stage-handlers/handler-by-value.ts → ${app}/stage-services/x/x-router.ts`,
  `no-package-imports-app: packages/x/src/app-by-name.ts → @kirinuki/desktop/src/node/api/app-router.js`,
  `no-package-imports-app: packages/x/src/app-by-path.ts → ${app}/api/app-router.ts`,
  `no-production-import-of-test-support: packages/x/src/clock.ts → packages/x/src/test-support/fake-clock.ts`,
  `no-relative-import-across-packages: packages/x/src/api-types-by-path.ts → ${app}/api/api-types.ts`,
  `no-relative-import-across-packages: packages/x/src/app-by-path.ts → ${app}/api/app-router.ts`,
  `no-relative-import-across-packages: packages/y/src/reach-into-x.ts → packages/x/src/index.ts`,
  `no-relative-import-across-packages: scripts/reach-into-y.ts → packages/y/src/y.ts`,
];

describe('import-graph rules (.dependency-cruiser.cjs) on the fixture workspace', () => {
  it('reports each violation, by rule, and nothing else', async () => {
    expect(await linkedViolations()).toEqual(
      [
        ...reportedAlways,
        `no-value-import-of-app-api-types: packages/x/src/value-api-types.ts → ${app}/api/api-types.ts`,
      ].sort(),
    );
  });

  it('counts a circle made only of `import type`', async () => {
    const violations = await linkedViolations();
    expect(violations.filter((v) => v.startsWith('no-circular:'))).toEqual([
      `no-circular: ${app}/stages/vision-service-router.ts ⇄ ${app}/stages/vision-stage.ts`,
    ]);
  });

  it("lets a package `import type` (or `export type`) '@kirinuki/desktop/api-types', and nothing else of an app", async () => {
    const violations = await linkedViolations();
    expect(violations.filter((v) => v.includes('packages/x/src/allowed-api-types'))).toEqual([]);
    expect(violations).toContain(
      `no-value-import-of-app-api-types: packages/x/src/value-api-types.ts → ${app}/api/api-types.ts`,
    );
  });

  it('lets tests, benchmarks, test-support, e2e, scripts and tools use test-support', async () => {
    const violations = await linkedViolations();
    expect(violations.filter((v) => v.startsWith('no-production-import-of-test-support:'))).toEqual([
      `no-production-import-of-test-support: packages/x/src/clock.ts → packages/x/src/test-support/fake-clock.ts`,
    ]);
  });

  it("says so when '@kirinuki/desktop/api-types' does not resolve, since type-only cannot be told then", async () => {
    expect(await violationsIn(fixtureWorkspace(false))).toEqual(
      [
        ...reportedAlways,
        'app-api-types-must-resolve: packages/x/src/allowed-api-types-reexport.ts → @kirinuki/desktop/api-types',
        'app-api-types-must-resolve: packages/x/src/allowed-api-types.ts → @kirinuki/desktop/api-types',
        'app-api-types-must-resolve: packages/x/src/value-api-types.ts → @kirinuki/desktop/api-types',
      ].sort(),
    );
  });

  it('lets the host import a service router as a type only (tests may use the service code)', async () => {
    const violations = await linkedViolations();
    expect(violations.filter((v) => v.startsWith('no-host-imports-service-code:'))).toEqual([
      `no-host-imports-service-code: ${app}/stage-handlers/handler-by-value.ts → ${app}/stage-services/x/x-router.ts`,
    ]);
  });

  it('finds a host entry that loads onnxruntime-node at run time, and not one that names a service type', async () => {
    expect(await violationsIn(fixtureWorkspace(true), 1)).toEqual([
      'host-never-loads-onnxruntime: apps/desktop/src/electron-main/main.ts → node_modules/onnxruntime-node/index.js',
    ]);
  });
});
