import { describe, expect, it } from 'vitest';
import { createEventHub } from './event-hub.js';

describe('createEventHub', () => {
  it('delivers to listeners until they unsubscribe, despite a throwing one', () => {
    const hub = createEventHub<number>();
    const seen: number[] = [];
    hub.on(() => {
      throw new Error('bad listener');
    });
    const off = hub.on((n) => seen.push(n));
    hub.emit(1);
    off();
    hub.emit(2);
    expect(seen).toEqual([1]);
  });

  it('iterates events in order and ends when the signal aborts', async () => {
    const hub = createEventHub<number>();
    const controller = new AbortController();
    const seen: number[] = [];
    const consumed = (async () => {
      for await (const n of hub.iterate(controller.signal)) {
        seen.push(n);
        if (n === 3) controller.abort();
      }
    })();
    await new Promise((r) => setImmediate(r));
    hub.emit(1);
    hub.emit(2);
    hub.emit(3);
    await consumed;
    expect(seen).toEqual([1, 2, 3]);
  });
});
