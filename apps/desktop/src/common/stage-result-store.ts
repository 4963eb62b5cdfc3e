/** What a stage result is stored under: the content it read, the stage, and its settings. */
export interface StageKey {
  /** Content hash of the media the stage read. */
  sha256: string;
  stage: string;
  settings: unknown;
}

/**
 * Where stage results live, keyed by content hash + stage + settings, so a rerun anywhere finds
 * the work done. A folder in the library today (node/stage-results/local-stage-result-store.ts);
 * object storage behind a host's API for remote workers later. A locator is what outputs carry to
 * name a result (a file path for the local folder).
 */
export interface StageResultStore {
  /**
   * Where the result of `key` is or would be: beside a library video (removed with it), or in the
   * cache for a file that was never imported (`kirinuki transcribe file.wav`).
   */
  locate(key: StageKey, scope: 'video' | 'file'): string;
  read<T>(locator: string): Promise<T | null>;
  /** Stores atomically: a reader sees the old result or the new one, never half of one. */
  write(locator: string, value: unknown): Promise<void>;
  /** The newest stored result of a stage for some content (any settings), or null. */
  latest(sha256: string, stage: string): Promise<string | null>;
}

/** The newest stored result of a stage for some content (any settings), read; null before it exists. */
export async function latestStageResult<T>(
  store: StageResultStore,
  sha256: string,
  stage: string,
): Promise<T | null> {
  const locator = await store.latest(sha256, stage);
  return locator ? store.read<T>(locator) : null;
}
