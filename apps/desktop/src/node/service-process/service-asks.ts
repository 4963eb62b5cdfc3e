import { abortError, isErrorCode, UserFacingError } from '@kirinuki/contracts';
import { ulid } from '../ids/ulid.js';

/**
 * A service's questions to its host during one call (what only the host has or may do: a fresh
 * access token from its secret store, saving an upload's state in its database before the next
 * step). The question goes out on the call's stream; the host answers with the service's `answer`
 * mutation; the work waits for it.
 */
export type AnswerOutcome = { ok: true; value: unknown } | { ok: false; message: string; code?: string };

const pending = new Map<string, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

/** Asks the host and waits for its answer (or rejects when the call is aborted). */
export function askHost(
  send: (id: string, question: unknown) => void,
  question: unknown,
  signal: AbortSignal,
): Promise<unknown> {
  const id = ulid();
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortError());
    const onAbort = () => {
      pending.delete(id);
      reject(abortError());
    };
    signal.addEventListener('abort', onAbort, { once: true });
    pending.set(id, {
      resolve: (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      reject: (error) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    });
    send(id, question);
  });
}

/** The host's answer to a question of this process (unknown ids are ignored: a call already ended). */
export function receiveAnswer(id: string, outcome: AnswerOutcome): boolean {
  const waiting = pending.get(id);
  if (!waiting) return false;
  pending.delete(id);
  if (outcome.ok) waiting.resolve(outcome.value);
  // A coded refusal of the host (an account to connect again) stays coded, so the call fails with it.
  else if (isErrorCode(outcome.code)) waiting.reject(new UserFacingError(outcome.code, outcome.message));
  else waiting.reject(Object.assign(new Error(outcome.message), outcome.code ? { code: outcome.code } : {}));
  return true;
}
