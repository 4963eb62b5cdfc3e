import { fileURLToPath } from 'node:url';
import { forkEntry } from '../process/fork-entry.js';
import { candidateProviders, type ExecutionProvider } from './execution-providers.js';

export interface ProviderProbe {
  version: string;
  /** Providers that opened and ran the probe model here. */
  loaded: ExecutionProvider[];
  failures: Record<string, string>;
}

const ENTRY = fileURLToPath(
  new URL(`./provider-probe.entry${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url),
);

/** Runs the probe model with each candidate provider in a child process. */
export function probeProviders(
  probeModelPath: string,
  providers: readonly ExecutionProvider[] = candidateProviders(process.platform),
  timeoutMs = 30_000,
): Promise<ProviderProbe> {
  return new Promise((resolve, reject) => {
    const child = forkEntry(ENTRY, [probeModelPath, ...providers], {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    let out = '';
    let err = '';
    child.stdout?.on('data', (c: Buffer) => (out += c.toString('utf8')));
    child.stderr?.on('data', (c: Buffer) => (err = (err + c.toString('utf8')).slice(-4000)));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      try {
        resolve(JSON.parse(out) as ProviderProbe);
      } catch {
        reject(
          new Error(
            `onnxruntime provider probe failed (exit ${code}): ${err.trim().split('\n').slice(-1)[0] ?? ''}`,
          ),
        );
      }
    });
  });
}
