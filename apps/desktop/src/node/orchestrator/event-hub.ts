/** A tiny typed event hub: listeners, plus an async iterator that ends when its signal aborts. */
export interface EventHub<T> {
  emit(event: T): void;
  on(listener: (event: T) => void): () => void;
  iterate(signal: AbortSignal): AsyncIterable<T>;
}

export function createEventHub<T>(): EventHub<T> {
  const listeners = new Set<(event: T) => void>();
  const on = (listener: (event: T) => void) => {
    listeners.add(listener);
    return () => void listeners.delete(listener);
  };
  return {
    emit(event) {
      for (const listener of [...listeners]) {
        try {
          listener(event);
        } catch {
          // One listener's bug must not stop the queue or the other listeners.
        }
      }
    },
    on,
    iterate(signal) {
      return {
        [Symbol.asyncIterator]: () => {
          const buffer: T[] = [];
          let wake: (() => void) | null = null;
          const off = on((event) => {
            buffer.push(event);
            wake?.();
          });
          const onAbort = () => wake?.();
          signal.addEventListener('abort', onAbort, { once: true });
          const finish = () => {
            off();
            signal.removeEventListener('abort', onAbort);
          };
          return {
            async next(): Promise<IteratorResult<T>> {
              while (!buffer.length && !signal.aborted) await new Promise<void>((r) => (wake = r));
              wake = null;
              if (signal.aborted) {
                finish();
                return { done: true, value: undefined };
              }
              return { done: false, value: buffer.shift() as T };
            },
            async return(): Promise<IteratorResult<T>> {
              finish();
              return { done: true, value: undefined };
            },
          };
        },
      };
    },
  };
}
