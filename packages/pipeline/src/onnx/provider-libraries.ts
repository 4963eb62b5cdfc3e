import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { ExecutionProvider } from './execution-providers.js';

/**
 * The library a GPU provider needs that does not ship inside onnxruntime-node: its install
 * script fetches CUDA's (from NuGet) where it can, and nothing else does. DirectML and CoreML
 * are built into the runtime that ships, so they have none.
 */
export function providerLibraryName(provider: ExecutionProvider, platform: NodeJS.Platform): string | null {
  if (provider !== 'cuda') return null;
  return platform === 'win32' ? 'onnxruntime_providers_cuda.dll' : 'libonnxruntime_providers_cuda.so';
}

/** onnxruntime-node's native folders for this platform (bin/napi-v*\/<platform>/<arch>). */
export function ortBinDirs(platform: NodeJS.Platform, arch: string): string[] {
  const bin = path.join(
    path.dirname(createRequire(import.meta.url).resolve('onnxruntime-node/package.json')),
    'bin',
  );
  try {
    return readdirSync(bin).map((napi) => path.join(bin, napi, platform, arch));
  } catch {
    return [];
  }
}

export interface ProviderLibraryCheck {
  platform: NodeJS.Platform;
  /** Folders onnxruntime-node loads its native libraries from; default: its own bin folders. */
  binDirs?: readonly string[];
  exists?: (file: string) => boolean;
}

/**
 * Why a provider cannot load, known without trying it (trying CUDA without its library costs
 * ~45 ms of every model open): its library is not installed. Null when it may load.
 */
export function missingProviderLibrary(
  provider: ExecutionProvider,
  check: ProviderLibraryCheck,
): string | null {
  const name = providerLibraryName(provider, check.platform);
  if (!name) return null;
  const dirs = check.binDirs ?? ortBinDirs(check.platform, process.arch);
  const exists = check.exists ?? existsSync;
  if (dirs.some((dir) => exists(path.join(dir, name)))) return null;
  return `${name} is not installed beside onnxruntime-node (its install script fetches it unless ONNXRUNTIME_NODE_INSTALL=skip)`;
}
