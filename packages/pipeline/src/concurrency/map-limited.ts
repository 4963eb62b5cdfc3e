import { throwIfAborted } from '@kirinuki/contracts';

/**
 * Runs `fn` over the items, at most `limit` at a time, and returns the results in the items'
 * order. The first failure stops the rest: the signal `fn` gets is aborted and no new item
 * starts; that failure is what the call rejects with.
 */
export async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number, signal: AbortSignal) => Promise<R>,
  outer?: AbortSignal,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  const stop = new AbortController();
  const signal = outer ? AbortSignal.any([outer, stop.signal]) : stop.signal;
  let next = 0;
  const worker = async () => {
    for (;;) {
      throwIfAborted(signal);
      const index = next;
      next += 1;
      if (index >= items.length) return;
      results[index] = await fn(items[index]!, index, signal);
    }
  };
  let firstFailure: { error: unknown } | null = null;
  const run = () =>
    worker().catch((error: unknown) => {
      firstFailure ??= { error };
      stop.abort();
    });
  const workers = Math.max(1, Math.min(limit, items.length));
  // Settles once every running item has stopped (no work left behind), with the first failure
  // rather than the aborts it caused in the others.
  await Promise.all(Array.from({ length: workers }, run));
  if (firstFailure) throw (firstFailure as { error: unknown }).error;
  return results;
}
