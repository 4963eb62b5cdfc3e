// `pnpm start`: bundles the main process and preload with esbuild, then starts Electron.
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { nodeBundleOptions } from './bundle-cli.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'dist', 'electron');
const require = createRequire(import.meta.url);

// The main process and every process it starts (stage services, the provider probe, the Whisper
// worker), bundled as the CLI is (see bundle-cli.ts): modules keep their source URLs, so models
// and packages resolve as from source; only the main process's own folder code finds the bundle
// files beside it (renderer, preload, service entries).
await build(
  nodeBundleOptions({ main: path.join(root, 'src/electron-main/main.ts') }, out, {
    keepOwnUrl: (file) => file.includes(`${path.sep}electron-main${path.sep}`),
  }),
);
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
