import { EventEmitter, on } from 'node:events';
import type { ProgressEvent } from '@kirinuki/contracts';

/** Fans progress events out to every subscriber (tRPC subscriptions, the CLI). */
export interface ProgressHub {
  publish(event: ProgressEvent): void;
  events(signal?: AbortSignal): AsyncIterable<ProgressEvent>;
}

/** What a job says of itself on the feed; its id, video and stage are added by its reporter. */
export type JobReport = Omit<ProgressEvent, 'jobId' | 'videoId' | 'stage'>;

/** Publishes the reports of one job that runs outside the queue (a render now, a model download). */
export function jobReporter(
  hub: ProgressHub,
  job: Pick<ProgressEvent, 'jobId' | 'videoId' | 'stage'>,
): (report: JobReport) => void {
  return (report) => hub.publish({ ...job, ...report });
}

export function createProgressHub(): ProgressHub {
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  return {
    publish: (event) => emitter.emit('progress', event),
    events: async function* (signal) {
      try {
        for await (const [event] of on(emitter, 'progress', signal ? { signal } : {}))
          yield event as ProgressEvent;
      } catch (error) {
        if ((error as Error).name !== 'AbortError') throw error;
      }
    },
  };
}
