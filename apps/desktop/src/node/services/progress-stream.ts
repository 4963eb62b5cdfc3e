/** What a stage service streams back for one call: progress, then the result. */
export type StageServiceEvent<T> =
  { type: 'progress'; fraction: number; detail: string } | { type: 'done'; output: T };

/**
 * Runs `work` and yields its progress reports as they come, then its result (or throws its error):
 * the body of a stage service's subscription procedure. A consumer that stops early (a cancelled
 * call) still waits for `work` to settle, so its clean-up (temp files, child processes) is done
 * before the call counts as finished and a stopping service may exit.
 */
export async function* streamWithProgress<T>(
  work: (onProgress: (fraction: number, detail: string) => void) => Promise<T>,
): AsyncGenerator<StageServiceEvent<T>> {
  const pending: StageServiceEvent<T>[] = [];
  let wake: () => void = () => undefined;
  let finished = false;
  let failure: { error: unknown } | null = null;
  const settled = work((fraction, detail) => {
    pending.push({ type: 'progress', fraction, detail });
    wake();
  }).then(
    (output) => {
      pending.push({ type: 'done', output });
      finished = true;
      wake();
    },
    (error: unknown) => {
      failure = { error };
      finished = true;
      wake();
    },
  );
  try {
    for (;;) {
      while (pending.length) yield pending.shift() as StageServiceEvent<T>;
      if (failure) throw (failure as { error: unknown }).error;
      if (finished) return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    await settled;
  }
}

/** The subscribe side of a stage service procedure, as the tRPC client exposes it. */
type Subscribe<I, T> = (
  input: I,
  options: {
    signal: AbortSignal;
    context: { correlationId: string };
    onData: (event: StageServiceEvent<T>) => void;
    onError: (error: unknown) => void;
  },
) => { unsubscribe(): void };

/** Calls a stage service procedure from a stage handler: progress goes to the job, the result comes back. */
export function callStageService<I, T>(
  subscribe: Subscribe<I, T>,
  input: I,
  ctx: { signal: AbortSignal; jobId: string; reportProgress(fraction: number, detail?: string): void },
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const subscription = subscribe(input, {
      signal: ctx.signal,
      context: { correlationId: ctx.jobId },
      onData: (event) => {
        if (event.type === 'progress') ctx.reportProgress(event.fraction, event.detail);
        else {
          subscription.unsubscribe();
          resolve(event.output);
        }
      },
      onError: reject,
    });
    ctx.signal.addEventListener('abort', () => subscription.unsubscribe(), { once: true });
  });
}
