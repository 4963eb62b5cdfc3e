/** onnxruntime-node's names for the execution providers Kirinuki uses. */
export type ExecutionProvider = 'cuda' | 'dml' | 'coreml' | 'cpu';

/** The providers worth trying on a platform, best first; CPU always last. */
export function candidateProviders(platform: NodeJS.Platform): ExecutionProvider[] {
  if (platform === 'win32') return ['cuda', 'dml', 'cpu'];
  if (platform === 'darwin') return ['coreml', 'cpu'];
  if (platform === 'linux') return ['cuda', 'cpu'];
  return ['cpu'];
}

export interface ProviderChoice {
  provider: ExecutionProvider;
  /** Why this one: shown to the user once ("CUDA is not available here: …"). */
  reason: string;
}

/**
 * Picks the provider to run with from those that actually load here. `forceCpu` is the
 * user's setting; a GPU that was expected but did not load is said, not hidden.
 */
export function chooseProvider(
  platform: NodeJS.Platform,
  loadable: readonly ExecutionProvider[],
  options: { forceCpu?: boolean } = {},
): ProviderChoice {
  if (options.forceCpu) return { provider: 'cpu', reason: 'CPU forced by the settings' };
  const candidates = candidateProviders(platform);
  const best = candidates.find((p) => loadable.includes(p)) ?? 'cpu';
  const missed = candidates.filter((p) => p !== 'cpu' && !loadable.includes(p));
  if (best !== 'cpu') return { provider: best, reason: `${best} loads here` };
  return {
    provider: 'cpu',
    reason: missed.length ? `no GPU provider loads here (tried ${missed.join(', ')}); running on CPU` : 'CPU',
  };
}
