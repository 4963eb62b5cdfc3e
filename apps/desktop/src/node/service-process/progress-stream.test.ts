import { describe, expect, it } from 'vitest';
import { callStageService, streamWithProgress, type StageServiceEvent } from './progress-stream.js';

const collect = async <T>(stream: AsyncGenerator<StageServiceEvent<T>>) => {
  const events: StageServiceEvent<T>[] = [];
  for await (const event of stream) events.push(event);
  return events;
};

describe('streamWithProgress', () => {
  it('yields progress in order, then the result', async () => {
    const events = await collect(
      streamWithProgress(async (report) => {
        report(0.25, 'a');
        await new Promise((r) => setTimeout(r, 5));
        report(0.75, 'b');
        return 42;
      }),
    );
    expect(events).toEqual([
      { type: 'progress', fraction: 0.25, detail: 'a' },
      { type: 'progress', fraction: 0.75, detail: 'b' },
      { type: 'done', output: 42 },
    ]);
  });

  it('throws the work’s error after the progress it made', async () => {
    const events: StageServiceEvent<number>[] = [];
    const error = await (async () => {
      for await (const event of streamWithProgress<number>(async (report) => {
        report(0.5, 'half');
        throw new Error('boom');
      }))
        events.push(event);
    })().catch((e: unknown) => e);
    expect(events).toEqual([{ type: 'progress', fraction: 0.5, detail: 'half' }]);
    expect((error as Error).message).toBe('boom');
  });

  it('a consumer that stops early waits for the work to finish cleaning up', async () => {
    const steps: string[] = [];
    const stop = new AbortController();
    const stream = streamWithProgress(async (report) => {
      report(0.1, 'copying');
      await new Promise((resolve) => stop.signal.addEventListener('abort', resolve));
      report(0.2, 'still copying'); // progress while it winds down
      await new Promise((r) => setTimeout(r, 30));
      steps.push('temp file removed');
      throw new Error('cancelled');
    });
    expect((await stream.next()).value).toMatchObject({ detail: 'copying' });
    stop.abort();
    expect((await stream.next()).value).toMatchObject({ detail: 'still copying' });
    await stream.return(undefined);
    steps.push('call finished');
    expect(steps).toEqual(['temp file removed', 'call finished']);
  });
});

describe('callStageService', () => {
  it('reports progress to the job and resolves with the output', async () => {
    const reported: number[] = [];
    const output = await callStageService<{ n: number }, number>(
      (input, options) => {
        setTimeout(() => {
          options.onData({ type: 'progress', fraction: 0.5, detail: '' });
          options.onData({ type: 'done', output: input.n * 2 });
        }, 1);
        return { unsubscribe: () => undefined };
      },
      { n: 21 },
      { signal: new AbortController().signal, jobId: 'J', reportProgress: (f) => reported.push(f) },
    );
    expect(output).toBe(42);
    expect(reported).toEqual([0.5]);
  });
});
