import type { LibraryEventType } from '@kirinuki/contracts';
import type { StageKey, StageResultStore } from '../../common/stage-result-store.js';
import { settingsHash } from '../stage-results/local-stage-result-store.js';

/**
 * A stage result a service stored or found, and the event the host announces it with (the host
 * writes it; services never touch the library's database). Small: the result stays in its file.
 */
export interface StageResultNotice {
  type: LibraryEventType;
  stage: string;
  settingsHash: string;
  /** What the event carries besides the key. */
  details: Record<string, unknown>;
}

export interface CachedStageResult<T> {
  result: T;
  cached: boolean;
  /** Where the result is (a file path in the library folder). */
  locator: string;
  notice: StageResultNotice;
}

/**
 * Runs a stage once per (content hash, stage, settings): a stored result is reused; a computed one
 * is stored atomically. Either way the notice is returned, so the host's event (with an id derived
 * from the key) is written even when a crash came between storing and announcing.
 */
export async function cachedStageResult<T>(
  store: StageResultStore,
  options: {
    key: StageKey;
    /** A library video's result lives beside it; a file's in the cache. */
    scope: 'video' | 'file';
    fresh?: boolean | undefined;
    eventType: LibraryEventType;
    details?: (result: T) => Record<string, unknown>;
    compute: () => Promise<T>;
  },
): Promise<CachedStageResult<T>> {
  const locator = store.locate(options.key, options.scope);
  const stored = options.fresh ? null : await store.read<T>(locator);
  const result = stored ?? (await options.compute());
  if (stored === null) await store.write(locator, result);
  return {
    result,
    cached: stored !== null,
    locator,
    notice: {
      type: options.eventType,
      stage: options.key.stage,
      settingsHash: settingsHash(options.key.settings),
      details: options.details?.(result) ?? {},
    },
  };
}
