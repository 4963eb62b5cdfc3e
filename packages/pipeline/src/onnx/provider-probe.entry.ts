// Child process: tries to open a tiny model with each execution provider and prints which load.
// Run apart from the caller because a broken GPU driver can print to stderr or crash the process.
import ort from 'onnxruntime-node';
import type { ExecutionProvider } from './execution-providers.js';
import { missingProviderLibrary } from './provider-libraries.js';

const [modelPath, ...providers] = process.argv.slice(2) as [string, ...ExecutionProvider[]];
ort.env.logLevel = 'fatal';
const loaded: ExecutionProvider[] = [];
const failures: Record<string, string> = {};
for (const provider of providers) {
  const missing = missingProviderLibrary(provider, { platform: process.platform });
  if (missing) {
    failures[provider] = missing;
    continue;
  }
  try {
    const session = await ort.InferenceSession.create(modelPath, {
      executionProviders: [provider],
      logSeverityLevel: 4,
    });
    const input = new ort.Tensor('float32', new Float32Array([1]), [1]);
    await session.run({ x: input });
    await session.release();
    loaded.push(provider);
  } catch (error) {
    failures[provider] = (error as Error).message.split('\n')[0] ?? 'failed';
  }
}
process.stdout.write(
  JSON.stringify({ version: ort.env.versions.node ?? ort.env.versions.common, loaded, failures }),
);
