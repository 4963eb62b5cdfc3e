/** What the user reads when something fails: the host's code, message and next step. */
export interface UserFacingProblem {
  code: string;
  message: string;
  hint?: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function fromShape(value: unknown): UserFacingProblem | null {
  if (!isRecord(value) || typeof value.code !== 'string' || typeof value.message !== 'string') return null;
  return {
    code: value.code,
    message: value.message,
    ...(typeof value.hint === 'string' && value.hint ? { hint: value.hint } : {}),
  };
}

/**
 * Reads `data.kirinuki` from a tRPC error (or `error` from an /upload answer); anything else
 * becomes an UNKNOWN problem carrying its message, so no failure is shown as nothing.
 */
export function toUserFacingProblem(error: unknown): UserFacingProblem {
  if (isRecord(error)) {
    const data = error.data;
    const fromData = isRecord(data) ? fromShape(data.kirinuki) : null;
    if (fromData) return fromData;
    const fromBody = fromShape(error.error);
    if (fromBody) return fromBody;
    const direct = fromShape(error.kirinuki);
    if (direct) return direct;
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'UNKNOWN', message: message || 'Something went wrong.' };
}
