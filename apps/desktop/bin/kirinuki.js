#!/usr/bin/env node
// Runs the CLI from its bundle (dist/cli, made by `pnpm install`), rebuilding the bundle first when
// a source file that went into it has changed since: tsx would spend ~1.5 s loading the sources at
// every start. KIRINUKI_FROM_SOURCE=1 runs the TypeScript sources through tsx instead.
import { fileURLToPath } from 'node:url';
import { bundleIsCurrent, CLI_BUNDLE_DIR } from './cli-bundle.js';
import { runWithCodeCache } from './code-cache.js';

let tsxRegistered = false;
async function registerTsx() {
  if (tsxRegistered) return; // a failed rebuild already registered it: the hooks once is enough
  const { register } = await import('tsx/esm/api');
  register();
  tsxRegistered = true;
}

let fromBundle = process.env.KIRINUKI_FROM_SOURCE !== '1';
if (fromBundle && !bundleIsCurrent()) {
  try {
    await registerTsx();
    const { bundleCli } = await import('../scripts/bundle-cli.ts');
    await bundleCli();
  } catch (error) {
    fromBundle = false;
    process.stderr.write(`kirinuki: could not bundle the CLI (${error.message}); running from source\n`);
  }
}
if (fromBundle) {
  runWithCodeCache(fileURLToPath(new URL('kirinuki.cjs', CLI_BUNDLE_DIR)));
} else {
  await registerTsx();
  await import('../src/cli/main.ts');
}
