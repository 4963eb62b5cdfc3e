import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { runnableEntry } from './fork-entry.js';

const require = createRequire(import.meta.url);

/** tsx's ESM API, by the path its package exports (require.resolve would give the CommonJS one). */
function tsxEsmApiUrl(): string {
  const manifest = require.resolve('tsx/package.json');
  const { exports } = require(manifest) as { exports: Record<string, { import: { default: string } }> };
  return pathToFileURL(path.join(path.dirname(manifest), exports['./esm/api']!.import.default)).href;
}

/**
 * Starts a worker thread on an entry file: the bundled `.mjs` where the bundle has it, else the
 * TypeScript source through tsx's `tsImport` (hooks a parent registered do not reach a worker, and
 * on Node 20 a worker cannot register its own before its first import).
 */
export function startWorkerEntry(entry: string, workerData: unknown): Worker {
  const file = runnableEntry(entry);
  if (!file.endsWith('.ts')) return new Worker(file, { workerData });
  const url = pathToFileURL(file).href;
  const bootstrap = `import(${JSON.stringify(tsxEsmApiUrl())}).then((tsx) => tsx.tsImport(${JSON.stringify(url)}, ${JSON.stringify(url)}));`;
  return new Worker(bootstrap, { eval: true, workerData });
}
