import ort from 'onnxruntime-node';
import { candidateProviders, chooseProvider, type ExecutionProvider } from '../onnx/execution-providers.js';
import { missingProviderLibrary, type ProviderLibraryCheck } from '../onnx/provider-libraries.js';
import {
  commitOrtFormatCache,
  dropOrtFormatFile,
  ortFormatCache,
  ortFormatCacheTemp,
  readOrtFormatCache,
  type OrtFormatCache,
} from '../onnx/ort-format-cache.js';

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

/**
 * A model file; its bytes; or bytes made from a file, `variant` naming how (e.g. outputs dropped),
 * which are only made when no ORT-format copy of that variant is kept.
 */
export type OrtModel =
  string | Uint8Array | { source: string; variant: string; bytes: () => Promise<Uint8Array> };

/** How a session was opened (for tests). */
export type OpenedFrom = 'ort-format copy' | 'model, copy made' | 'model';

/** ONNX Runtime reads the weights of a session opened from ORT-format bytes where they lie. */
const USE_BYTES_IN_PLACE = {
  session: { use_ort_model_bytes_directly: '1', use_ort_model_bytes_for_initializers: '1' },
};
/** The bytes a session points into live as long as the session object. */
const bytesInUse = new WeakMap<ort.InferenceSession, Uint8Array>();
const openedFrom = new WeakMap<ort.InferenceSession, OpenedFrom>();

/** How `session` was opened (undefined: not by openOrtSession). */
export const howOpened = (session: ort.InferenceSession) => openedFrom.get(session);

/**
 * An onnxruntime-node session on the best provider here. On the CPU a model that comes from a
 * file opens from an ORT-format copy made the first time (see ort-format-cache.ts); GPU providers
 * always open the model itself, as the copy holds the CPU's fused operators.
 */
export function openOrtSession(model: OrtModel, settings: SessionSettings = {}) {
  return openWithBestProvider(async (provider) => {
    const options: ort.InferenceSession.SessionOptions = {
      executionProviders: [provider],
      graphOptimizationLevel: 'all',
      logSeverityLevel: provider === 'cpu' ? 3 : 4,
      ...(settings.threads ? { intraOpNumThreads: settings.threads, interOpNumThreads: 1 } : {}),
    };
    const cache = provider === 'cpu' ? cacheOf(model) : null;
    if (!cache) return remember(await createSession(model, options), 'model');
    const copy = readOrtFormatCache(cache.file);
    if (copy) {
      try {
        const session = await ort.InferenceSession.create(copy, { ...options, extra: USE_BYTES_IN_PLACE });
        bytesInUse.set(session, copy);
        return remember(session, 'ort-format copy');
      } catch {
        dropOrtFormatFile(cache.file); // damaged, or refused: made again below
      }
    }
    const temp = ortFormatCacheTemp(cache);
    if (temp) {
      try {
        // Saved at the level that holds on any CPU (`all` adds layouts for this one's instructions).
        const session = await createSession(model, {
          ...options,
          graphOptimizationLevel: 'extended',
          optimizedModelFilePath: temp,
          extra: { session: { save_model_format: 'ORT' } },
        });
        commitOrtFormatCache(temp, cache);
        return remember(session, 'model, copy made');
      } catch {
        dropOrtFormatFile(temp); // e.g. a full disk: the model still opens, without a copy
      }
    }
    return remember(await createSession(model, options), 'model');
  }, settings);
}

function cacheOf(model: OrtModel): OrtFormatCache | null {
  if (model instanceof Uint8Array) return null;
  const [source, variant] = typeof model === 'string' ? [model, ''] : [model.source, model.variant];
  try {
    return ortFormatCache(source, ort.env.versions.common, variant);
  } catch {
    return null; // no such file: opening the model says so
  }
}

async function createSession(model: OrtModel, options: ort.InferenceSession.SessionOptions) {
  // (two calls: the overloads take a path or bytes, not either)
  if (typeof model === 'string') return ort.InferenceSession.create(model, options);
  return ort.InferenceSession.create(model instanceof Uint8Array ? model : await model.bytes(), options);
}

function remember(session: ort.InferenceSession, from: OpenedFrom): ort.InferenceSession {
  openedFrom.set(session, from);
  return session;
}
