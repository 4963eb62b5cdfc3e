// `pnpm start`: bundles the main process and preload with esbuild, then starts Electron.
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { STAGE_SERVICES } from '../src/node/jobs/stage-host.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist', 'electron');
const require = createRequire(import.meta.url);

// Third-party packages stay external (loaded from node_modules at run time: native modules, bundled
// binaries); our workspace packages, shipped as TypeScript, are bundled.
const dependencyNames = (file: string) =>
  Object.keys(
    (JSON.parse(readFileSync(file, 'utf8')) as { dependencies?: Record<string, string> }).dependencies ?? {},
  );
const external = [
  'electron',
  ...dependencyNames(path.join(root, 'package.json')),
  ...dependencyNames(path.join(root, '../../packages/pipeline/package.json')),
].filter((name) => !name.startsWith('@kirinuki/'));

for (const [entry, outfile] of STAGE_SERVICES.map(
  (name) => [`src/electron-utility/${name}/${name}-service.entry.ts`, `${name}-service.entry.mjs`] as const,
)) {
  await build({
    entryPoints: [path.join(root, entry)],
    outfile: path.join(out, outfile),
    bundle: true,
    platform: 'node',
    format: 'esm',
    external,
    banner: {
      js: "import { createRequire as __kirinukiRequire } from 'node:module'; const require = __kirinukiRequire(import.meta.url);",
    },
  });
}
await build({
  entryPoints: [path.join(root, 'src/electron-main/main.ts')],
  outfile: path.join(out, 'main.mjs'),
  bundle: true,
  platform: 'node',
  format: 'esm',
  external,
  banner: {
    js: "import { createRequire as __kirinukiRequire } from 'node:module'; const require = __kirinukiRequire(import.meta.url);",
  },
});
await build({
  entryPoints: [path.join(root, 'src/preload/preload.ts')],
  outfile: path.join(out, 'preload.cjs'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  external: ['electron'],
});
// The renderer is the built UI (packages/ui/dist, made by `pnpm install`); a placeholder otherwise.
const uiDist = path.join(root, '../../packages/ui/dist');
mkdirSync(path.join(out, 'renderer'), { recursive: true });
if (existsSync(path.join(uiDist, 'index.html')))
  cpSync(uiDist, path.join(out, 'renderer'), { recursive: true });
else copyFileSync(path.join(root, 'src/renderer/index.html'), path.join(out, 'renderer', 'index.html'));

if (process.argv.includes('--build-only')) {
  console.log(`built ${out}`);
  process.exit(0);
}

let electronBinary: string;
try {
  electronBinary = require('electron') as string;
} catch {
  electronBinary = '';
}
if (!electronBinary || !existsSync(electronBinary)) {
  console.error(
    'Electron is not installed on this machine (its binary download was skipped or failed).\n' +
      'Run `pnpm install` without ELECTRON_SKIP_BINARY_DOWNLOAD, or use `pnpm kirinuki` for the command line.',
  );
  process.exit(2);
}
const child = spawn(electronBinary, [path.join(out, 'main.mjs')], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
