import type { JobEvent } from '@kirinuki/contracts';
import type { JobQueue } from '../../common/jobs/job-queue.js';

/**
 * Delivers the queue's outbox events to the event log in id order, at least once: an event is
 * marked delivered only after `appendEvent` returned, so a crash in between repeats it with the
 * same id (the log's `INSERT OR IGNORE` drops the copy). Calls during a delivery join it.
 */
export function createEventDelivery(
  queue: Pick<JobQueue, 'undeliveredEvents' | 'markDelivered'>,
  appendEvent: ((event: JobEvent) => Promise<void> | void) | undefined,
): () => Promise<void> {
  let delivering: Promise<void> | null = null;
  let again = false;
  const deliver = async () => {
    do {
      again = false;
      for (;;) {
        const pending = await queue.undeliveredEvents();
        if (!pending.length) break;
        const delivered: string[] = [];
        try {
          for (const event of pending) {
            await appendEvent?.(event);
            delivered.push(event.id);
          }
        } finally {
          await queue.markDelivered(delivered);
        }
      }
    } while (again);
  };
  return () => {
    if (!appendEvent) return Promise.resolve();
    if (delivering) {
      again = true;
      return delivering;
    }
    delivering = deliver().finally(() => (delivering = null));
    return delivering;
  };
}
