// Bundles the `kirinuki` CLI and every process it forks (stage services, the provider probe) into
// dist/cli, so a command starts in a fraction of the time tsx needs to load ~250 TypeScript files.
// `pnpm install` runs it; bin/kirinuki.js re-runs it when a source file is newer than the bundle.
//
// The bundle is a cache of this checkout, not a relocatable build: every `import.meta.url` keeps
// the URL of its source file (so models, the built UI and package files resolve as from source)
// and third-party packages that cannot be bundled are imported by their absolute path here.
import { readdirSync, readFileSync, renameSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type BuildOptions, type Plugin } from 'esbuild';

const desktop = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repo = path.resolve(desktop, '../..');
export const CLI_BUNDLE_DIR = path.join(desktop, 'dist', 'cli');
/** Written last: when the bundle was started and which files went into it. */
export const BUNDLE_STAMP = 'bundle-inputs.json';

/** Native addons, packages that ship binaries or resolve files beside themselves, and the loaders. */
const KEPT_EXTERNAL =
  /^(better-sqlite3|onnxruntime-node|@ffmpeg-installer\/|@ffprobe-installer\/|esbuild|tsx)(\/|$)/;

/** Every `*.entry.ts` a process may fork, outside test-support folders. */
function forkedEntries(): string[] {
  const roots = [path.join(desktop, 'src'), path.join(repo, 'packages/pipeline/src')];
  return roots.flatMap((root) =>
    readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.entry.ts') && !file.split(path.sep).includes('test-support'))
      .map((file) => path.join(root, file)),
  );
}

/**
 * Bundles our sources as they run from this checkout: each module keeps its source file's
 * `import.meta.url` (except under `keepOwnUrl`, for code that finds files beside its bundle), and
 * packages that cannot be bundled are imported by their resolved path. `electron` is left to the
 * runtime that provides it.
 */
export function sourceTreePlugin(options: { keepOwnUrl?: (file: string) => boolean } = {}): Plugin {
  return {
    name: 'kirinuki-source-tree',
    setup(b) {
      b.onResolve({ filter: /^electron$/ }, () => ({ path: 'electron', external: true }));
      b.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData === 'resolving' || args.path.startsWith('node:')) return undefined;
        const found = await b.resolve(args.path, {
          resolveDir: args.resolveDir,
          kind: args.kind,
          importer: args.importer,
          pluginData: 'resolving',
        });
        if (found.errors.length || !found.path.includes(`${path.sep}node_modules${path.sep}`))
          return undefined;
        // Kept packages load from the exact file the source would load, wherever it sits in the
        // pnpm store (a workspace package's dependency is not visible from apps/desktop/dist).
        return KEPT_EXTERNAL.test(args.path) ? { path: found.path, external: true } : { path: found.path };
      });
      b.onLoad({ filter: /\.tsx?$/ }, (args) => {
        if (args.path.includes(`${path.sep}node_modules${path.sep}`)) return undefined;
        const source = readFileSync(args.path, 'utf8');
        const own = options.keepOwnUrl?.(args.path) ?? false;
        return {
          contents: own
            ? source
            : source.replaceAll('import.meta.url', JSON.stringify(pathToFileURL(args.path).href)),
          loader: args.path.endsWith('x') ? 'tsx' : 'ts',
        };
      });
    },
  };
}

/**
 * What the CLI bundle and the app bundle share: the main entry plus every entry a process forks,
 * as ESM for Node 20, our sources as they run here, and the bundled entries' folder compiled in
 * for fork-entry.ts.
 */
export function nodeBundleOptions(
  main: Record<string, string>,
  outDir: string,
  plugin: Parameters<typeof sourceTreePlugin>[0] = {},
): BuildOptions {
  const entryPoints = { ...main };
  for (const entry of forkedEntries()) entryPoints[path.basename(entry, '.ts')] = entry;
  return {
    entryPoints,
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
    plugins: [sourceTreePlugin(plugin)],
    // A bundled process forks the bundled entries beside it (see fork-entry.ts).
    define: { 'process.env.KIRINUKI_BUILT_ENTRIES_DIR': JSON.stringify(outDir) },
    banner: {
      // Bundled CommonJS packages call require(); ESM output has none of its own.
      js: "import { createRequire as __kirinukiCreateRequire } from 'node:module'; const require = __kirinukiCreateRequire(import.meta.url);",
    },
  };
}

/** The CLI itself, CommonJS so bin/code-cache.js can run it with V8's code cache. */
export const CLI_MAIN = 'kirinuki.cjs';

/**
 * Builds the bundle; files are renamed into place one by one and the stamp comes last. The forked
 * entries are ESM (.mjs); the CLI is CommonJS: Node 20 has no compile cache for ES modules, and
 * compiling the 2 MB CLI cost ~80 ms of every command.
 */
export async function bundleCli(outDir = CLI_BUNDLE_DIR): Promise<{ files: string[]; inputs: number }> {
  const startedAtMs = Date.now();
  const common = {
    metafile: true,
    // Less to parse at every start (~30 ms); names are kept, so stack traces still read.
    minifyWhitespace: true,
    minifySyntax: true,
    write: false,
  } as const;
  const main = path.join(desktop, 'src/cli/main.ts');
  const [entries, cli] = await Promise.all([
    build({ ...nodeBundleOptions({}, outDir), ...common }),
    build({
      ...nodeBundleOptions({ kirinuki: main }, outDir),
      ...common,
      entryPoints: { kirinuki: main },
      format: 'cjs',
      outExtension: { '.js': '.cjs' },
      banner: {},
    }),
  ]);
  const result = {
    outputFiles: [...entries.outputFiles, ...cli.outputFiles],
    metafile: { inputs: { ...entries.metafile.inputs, ...cli.metafile.inputs } },
  };
  mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  const writeAtomically = (file: string, contents: Uint8Array | string) => {
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, contents);
    renameSync(temp, file);
    written.push(file);
  };
  for (const file of result.outputFiles) writeAtomically(file.path, file.contents);
  const inputs = [
    ...Object.keys(result.metafile.inputs)
      .map((input) => path.resolve(process.cwd(), input))
      .filter((input) => !input.includes(`${path.sep}node_modules${path.sep}`)),
    // A dependency change moves the absolute paths of kept packages.
    path.join(repo, 'pnpm-lock.yaml'),
    fileURLToPath(import.meta.url),
  ];
  writeAtomically(path.join(outDir, BUNDLE_STAMP), JSON.stringify({ startedAtMs, inputs }));
  return { files: written, inputs: inputs.length };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const { files, inputs } = await bundleCli();
  console.log(
    `bundled the CLI: ${files.length} files in ${path.relative(repo, CLI_BUNDLE_DIR)} from ${inputs} sources in ${Math.round(performance.now() - started)} ms`,
  );
}
