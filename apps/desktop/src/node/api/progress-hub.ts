import { EventEmitter, on } from 'node:events';

/** A progress report of long work, as the UI and the CLI show it. */
export interface ProgressEvent {
  /** Job id (or the import's correlation id before the job queue took it). */
  jobId: string;
  videoId: string | null;
  stage: string;
  /** `discarded`: the job is gone (its video turned out to be another one); forget it. */
  status: 'queued' | 'running' | 'done' | 'failed' | 'cancelled' | 'discarded';
  fraction: number | null;
  etaSec: number | null;
  message?: string;
  /** With a failure: the error's code and what to do (the message is in `message`). */
  code?: string;
  hint?: string;
}

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
