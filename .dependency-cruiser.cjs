// The import-graph rules of DESIGN §1 (the folder layers are the ESLint rule in tools/eslint-plugin-layers).
// Run by `pnpm lint:graph`; the tests in tools/architecture-rules prove each rule refuses what it should.
const fs = require('node:fs');
const path = require('node:path');

const escapeRegExp = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const readManifest = (dir) => JSON.parse(fs.readFileSync(path.join(__dirname, dir, 'package.json'), 'utf8'));

/** Names of the app packages (`@kirinuki/desktop`…), read from apps/* beside this file. */
function appPackageNames() {
  return fs
    .readdirSync(path.join(__dirname, 'apps'), { withFileTypes: true })
    .filter(
      (entry) =>
        entry.isDirectory() && fs.existsSync(path.join(__dirname, 'apps', entry.name, 'package.json')),
    )
    .map((entry) => readManifest(`apps/${entry.name}`).name)
    .filter(Boolean);
}

/** The first file an `exports` entry names, whatever its conditions (`types`, `import`, `default`…). */
function exportTarget(entry) {
  if (typeof entry === 'string') return entry;
  if (entry && typeof entry === 'object') return Object.values(entry).map(exportTarget).find(Boolean);
  return undefined;
}

const SOURCE_EXTENSION = /\.(d\.)?[cm]?[jt]sx?$/;

/**
 * The file `@kirinuki/desktop/api-types` resolves to, as a pattern: its `exports` entry, or where it
 * is planned. Any source extension matches, as an export of `x.js` resolves to `x.ts`.
 */
function desktopApiTypesPattern() {
  const target = exportTarget(readManifest('apps/desktop').exports?.['./api-types']);
  const file = path.posix.join('apps/desktop', target ?? 'src/node/api/api-types.ts');
  return `^${escapeRegExp(file.replace(SOURCE_EXTENSION, ''))}${SOURCE_EXTENSION.source}`;
}

// An app as a package sees it: its folder once resolved, its package name when the name does not resolve.
const APP = ['^apps/', ...appPackageNames().map((name) => `^${escapeRegExp(name)}(/|$)`)];
// The one module of an app a package may see, and then only through `import type`: the AppRouter's type.
const APP_API_TYPES = desktopApiTypesPattern();
const APP_API_TYPES_UNRESOLVED = '^@kirinuki/desktop/api-types$';

// Tests, benchmarks, their helpers, scripts and tools may use test-support; nothing else may.
const NOT_PRODUCTION = [
  '\\.test\\.tsx?$',
  '\\.bench\\.tsx?$',
  '(^|/)test-support/',
  '(^|/)scripts/',
  '(^|/)e2e/',
  '^tools/',
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment:
        'An import circle, type-only imports included: a circle of types is still a circle of design. ' +
        'Move what both sides need into a module both import.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-package-imports-app',
      severity: 'error',
      comment:
        'packages/* never import apps/*, by relative path or by package name. The one exception is ' +
        "`import type` of '@kirinuki/desktop/api-types' (rule no-value-import-of-app-api-types).",
      from: { path: '^packages/' },
      to: { path: APP, pathNot: [APP_API_TYPES, APP_API_TYPES_UNRESOLVED] },
    },
    {
      name: 'no-value-import-of-app-api-types',
      severity: 'error',
      comment:
        "A package may import '@kirinuki/desktop/api-types' only with `import type`: the app's code " +
        'must never be bundled into a package.',
      from: { path: '^packages/' },
      to: { path: APP_API_TYPES, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'app-api-types-must-resolve',
      severity: 'error',
      comment:
        "'@kirinuki/desktop/api-types' does not resolve, so whether its import is type-only cannot be " +
        "checked: export './api-types' from apps/desktop/package.json.",
      from: { path: '^packages/' },
      to: { path: APP_API_TYPES_UNRESOLVED, couldNotResolve: true },
    },
    {
      name: 'no-relative-import-across-packages',
      severity: 'error',
      comment:
        "A relative import leaves its workspace package: import the other package by its name ('@kirinuki/…').",
      from: { path: '^((apps|packages)/[^/]+)/' },
      to: { dependencyTypes: ['local'], pathNot: '^$1/' },
    },
    {
      name: 'no-relative-import-across-packages',
      severity: 'error',
      comment:
        "A relative import from the root package (tools, scripts) into apps/* or packages/*: import it by its name ('@kirinuki/…').",
      from: { pathNot: '^(apps|packages)/' },
      to: { dependencyTypes: ['local'], path: '^(apps|packages)/' },
    },
    {
      name: 'no-production-import-of-test-support',
      severity: 'error',
      comment:
        'Production code imports nothing under a test-support/ folder; only tests, benchmarks, ' +
        'test-support itself, scripts, e2e and tools may.',
      from: { pathNot: NOT_PRODUCTION },
      to: { path: '(^|/)test-support/' },
    },
    {
      name: 'no-host-imports-service-code',
      severity: 'error',
      comment:
        'The host (CLI, the app main process, use cases, stage handlers) calls a stage service through ' +
        'its tRPC client: it imports the service router as a type only, never the service code (nor ' +
        'the models and ffmpeg work behind it). Services live in node/stage-services/.',
      from: {
        path: '^apps/desktop/src/',
        pathNot: [
          '^apps/desktop/src/node/stage-services/',
          '^apps/desktop/src/electron-utility/',
          '\\.test\\.tsx?$',
          '(^|/)test-support/',
        ],
      },
      to: { path: '^apps/desktop/src/node/stage-services/', dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    // Type-only imports are edges too (rule no-circular, and the api-types exception needs to see them).
    tsPreCompilationDeps: true,
    moduleSystems: ['es6', 'cjs'],
    // Workspace packages resolve through node_modules to their own folders (apps/…, packages/…);
    // what stays in node_modules is third-party and not part of these rules.
    // Third-party modules are leaves of the graph (not followed), so a rule can name one as reachable.
    doNotFollow: { path: '(^|/)node_modules/' },
    exclude: {
      path: ['^(apps|packages)/[^/]+/dist/', '(^|/)\\.test-tmp/', '^tools/architecture-rules/fixtures/'],
    },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};
