import ort from 'onnxruntime-node';
import { candidateProviders, chooseProvider, type ExecutionProvider } from '../onnx/execution-providers.js';
import { missingProviderLibrary, type ProviderLibraryCheck } from '../onnx/provider-libraries.js';

export interface SessionSettings {
  /** The user's "force CPU" setting. */
  forceCpu?: boolean | undefined;
  /** Intra-op threads; default: onnxruntime's own choice (all cores). */
  threads?: number | undefined;
  platform?: NodeJS.Platform;
  /** Where provider libraries are looked for (tests); default onnxruntime-node's own folders. */
  providerLibraries?: Omit<ProviderLibraryCheck, 'platform'>;
}

export interface OpenedSession<S> {
  session: S;
  provider: ExecutionProvider;
  /** Why this provider: said once to the user (e.g. "no GPU provider loads here (tried cuda)"). */
  reason: string;
  failures: Record<string, string>;
}

/**
 * Opens a model with the best execution provider that actually loads: GPU ones first (in the
 * platform's order), CPU last. `open` is injected so the choice is testable without a GPU.
 */
export async function openWithBestProvider<S>(
  open: (provider: ExecutionProvider) => Promise<S>,
  settings: SessionSettings = {},
): Promise<OpenedSession<S>> {
  const platform = settings.platform ?? process.platform;
  const candidates = settings.forceCpu ? (['cpu'] as ExecutionProvider[]) : candidateProviders(platform);
  const failures: Record<string, string> = {};
  for (const provider of candidates) {
    const missing = missingProviderLibrary(provider, { platform, ...settings.providerLibraries });
    if (missing) {
      failures[provider] = missing;
      continue;
    }
    try {
      const session = await open(provider);
      const choice = chooseProvider(platform, [provider], { forceCpu: settings.forceCpu ?? false });
      const tried = Object.keys(failures);
      const reason =
        provider === 'cpu' && tried.length
          ? `no GPU provider loads here (tried ${tried.join(', ')}); running on CPU`
          : choice.reason;
      return { session, provider, reason, failures };
    } catch (error) {
      failures[provider] = (error as Error).message.split('\n')[0] ?? 'failed';
    }
  }
  throw new Error(`no ONNX Runtime execution provider could open the model: ${JSON.stringify(failures)}`);
}

/** An onnxruntime-node session on the best provider here. */
// onnxruntime prints a red stderr line for every GPU provider library it cannot load; that
// outcome is reported once through `reason` instead. Failures still throw with their message.
ort.env.logLevel = 'fatal';

/** `model` is a file path, or the model's bytes (after surgery). */
export function openOrtSession(model: string | Uint8Array, settings: SessionSettings = {}) {
  return openWithBestProvider(async (provider) => {
    const options: ort.InferenceSession.SessionOptions = {
      executionProviders: [provider],
      graphOptimizationLevel: 'all',
      logSeverityLevel: provider === 'cpu' ? 3 : 4,
      ...(settings.threads ? { intraOpNumThreads: settings.threads, interOpNumThreads: 1 } : {}),
    };
    // (two calls: the overloads take a path or bytes, not either)
    return typeof model === 'string'
      ? ort.InferenceSession.create(model, options)
      : ort.InferenceSession.create(model, options);
  }, settings);
}
