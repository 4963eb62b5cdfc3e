import { causeChain } from '@kirinuki/contracts';

/**
 * A service process was killed from outside (SIGKILL or SIGTERM it did not send itself and the
 * supervisor did not send): the OOM killer, a user's `kill -9`, the OS shutting down. Like a
 * killed host, this interrupts the stage that was running; it says nothing about the input, so
 * the orchestrator counts it as an interruption, not as one of the job's attempts. A crash the
 * process causes itself (SIGSEGV, SIGABRT, a non-zero exit) or a kill for a missed health ping
 * stays an ordinary error.
 */
export class ServiceKilledError extends Error {
  override readonly name = 'ServiceKilledError';
  constructor(
    readonly service: string,
    readonly signal: NodeJS.Signals,
  ) {
    super(`the ${service} service was killed by ${signal}`);
  }
}

const OUTSIDE_KILLS: ReadonlySet<string> = new Set(['SIGKILL', 'SIGTERM', 'SIGHUP', 'SIGINT']);

export function isOutsideKill(signal: string | null | undefined): signal is NodeJS.Signals {
  return !!signal && OUTSIDE_KILLS.has(signal);
}

/** The ServiceKilledError in an error's cause chain (tRPC and progress streams wrap it). */
export function findServiceKilled(error: unknown): ServiceKilledError | undefined {
  for (const current of causeChain(error)) if (current instanceof ServiceKilledError) return current;
  return undefined;
}
