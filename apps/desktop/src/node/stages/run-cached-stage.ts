import { deterministicEventId } from '../events/event-id.js';
import { appendEvents } from '../events/events-repository.js';
import type { Library } from '../library/library.js';
import {
  readStageResult,
  settingsHash,
  stageResultPath,
  writeStageResult,
  type StageKey,
} from './stage-result-store.js';

export interface CachedStageOptions<T> {
  library: Library;
  key: StageKey;
  /** The library video the result belongs to, or null for a file outside the library. */
  videoId: string | null;
  /** Recompute even when a stored result exists. */
  fresh?: boolean;
  /** The event announcing the result (e.g. TranscriptReady), written once per key. */
  eventType: string;
  /** A moment that stays the same when the stage is retried (the video's import), for the event id. */
  stableAtMs: number;
  /** What the event carries besides the key (keep it small: results stay in their file). */
  eventPayload?: (result: T) => Record<string, unknown>;
  compute: () => Promise<T>;
}

/**
 * Runs a stage once per (content hash, stage, settings): a stored result is reused (a cache hit writes
 * no event); a computed one is stored atomically and announced with an event whose id is derived
 * from the key, so a retry or `--fresh` never logs it twice.
 */
export async function runCachedStage<T>(
  options: CachedStageOptions<T>,
): Promise<{ result: T; cached: boolean; file: string }> {
  const file = stageResultPath(options.library, options.key, options.videoId !== null);
  if (!options.fresh) {
    const stored = readStageResult<T>(file);
    if (stored !== null) return { result: stored, cached: true, file };
  }
  const result = await options.compute();
  writeStageResult(file, result);
  if (options.videoId) {
    const hash = settingsHash(options.key.settings);
    await appendEvents(options.library.db, [
      {
        id: deterministicEventId(
          options.stableAtMs,
          `${options.eventType}:${options.videoId}:${options.key.stage}:${hash}`,
        ),
        type: options.eventType,
        aggregateId: options.videoId,
        at: new Date().toISOString(),
        payload: {
          videoId: options.videoId,
          stage: options.key.stage,
          settingsHash: hash,
          ...options.eventPayload?.(result),
        },
      },
    ]);
  }
  return { result, cached: false, file };
}
