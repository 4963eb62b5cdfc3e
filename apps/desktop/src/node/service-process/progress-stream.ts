import { askHost, type AnswerOutcome } from './service-asks.js';

/** What a stage service streams back for one call: progress, then the result. */
export type StageServiceEvent<T> =
  /** `etaSec`: the work's own estimate where it has a better one than the pace so far. */
  | { type: 'progress'; fraction: number; detail: string; etaSec?: number | null }
  /** Something the caller may tell the user once (e.g. which execution provider runs a model). */
  | { type: 'note'; text: string }
  /** A question for the host (see service-asks.ts): the host answers through the service's `answer`. */
  | { type: 'ask'; id: string; question?: unknown }
  | { type: 'done'; output: T };

/**
 * Runs `work` and yields its progress reports as they come, then its result (or throws its error):
 * the body of a stage service's subscription procedure. A consumer that stops early (a cancelled
 * call) still waits for `work` to settle, so its clean-up (temp files, child processes) is done
 * before the call counts as finished and a stopping service may exit.
 */
export async function* streamWithProgress<T>(
  work: (
    onProgress: (fraction: number, detail: string, etaSec?: number | null) => void,
    onNote: (text: string) => void,
    ask: (question: unknown) => Promise<unknown>,
  ) => Promise<T>,
  signal?: AbortSignal,
): AsyncGenerator<StageServiceEvent<T>> {
  const pending: StageServiceEvent<T>[] = [];
  let wake: () => void = () => undefined;
  let finished = false;
  let failure: { error: unknown } | null = null;
  const settled = work(
    (fraction, detail, etaSec) => {
      pending.push({ type: 'progress', fraction, detail, ...(etaSec === undefined ? {} : { etaSec }) });
      wake();
    },
    (text) => {
      pending.push({ type: 'note', text });
      wake();
    },
    (question) =>
      askHost(
        (id, q) => {
          pending.push({ type: 'ask', id, question: q });
          wake();
        },
        question,
        signal ?? new AbortController().signal,
      ),
  ).then(
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

/**
 * The subscribe side of a stage service procedure, as the tRPC client exposes it. The result's
 * type is the caller's to name (`T`): tRPC's inferred type of JSON that crossed a process
 * (optional `unknown` fields) does not match the service's own declared type.
 */
export type ServiceCall<I> = (
  input: I,
  options: {
    signal: AbortSignal;
    context: { correlationId: string };
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    onData: (event: StageServiceEvent<any>) => void;
    onError: (error: unknown) => void;
  },
) => { unsubscribe(): void };

/** Calls a stage service procedure from a stage handler: progress goes to the job, the result comes back. */
export function callStageService<I, T>(
  subscribe: ServiceCall<I>,
  input: I,
  ctx: {
    signal: AbortSignal;
    jobId: string;
    reportProgress(fraction: number, detail?: string, etaSec?: number | null): void;
    onNote?: ((text: string) => void) | undefined;
    /** Answers the service's questions (a service that asks needs this). */
    onAsk?: ((question: unknown) => Promise<unknown>) | undefined;
    /** Sends the answer back to the service (its `answer` mutation). */
    answer?: ((id: string, outcome: AnswerOutcome) => Promise<unknown>) | undefined;
  },
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const subscription = subscribe(input, {
      signal: ctx.signal,
      context: { correlationId: ctx.jobId },
      onData: (event: StageServiceEvent<T>) => {
        if (event.type === 'progress') ctx.reportProgress(event.fraction, event.detail, event.etaSec);
        else if (event.type === 'note') ctx.onNote?.(event.text);
        else if (event.type === 'ask') {
          const respond = async () => {
            let outcome: AnswerOutcome;
            try {
              if (!ctx.onAsk) throw new Error('this caller answers no questions');
              outcome = { ok: true, value: await ctx.onAsk(event.question) };
            } catch (error) {
              const code = (error as { code?: unknown }).code;
              outcome = {
                ok: false,
                message: (error as Error).message,
                ...(typeof code === 'string' ? { code } : {}),
              };
            }
            await ctx.answer?.(event.id, outcome);
          };
          respond().catch((error: unknown) => reject(error));
        } else {
          subscription.unsubscribe();
          resolve(event.output);
        }
      },
      onError: reject,
    });
    ctx.signal.addEventListener('abort', () => subscription.unsubscribe(), { once: true });
  });
}
