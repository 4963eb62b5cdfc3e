import { UserFacingError } from '@kirinuki/contracts';

/**
 * A service the supervisor will not start (circuit open, shutting down). It is user-facing: the
 * reason names what happened, so a job fails with it instead of retrying against a dead service.
 */
export function serviceUnavailableError(service: string, reason: string): UserFacingError {
  return new UserFacingError('SERVICE_UNAVAILABLE', reason, {
    hint: `Kirinuki stopped restarting the ${service} service. Check the log file in <library>/logs, then retry the job.`,
    details: { service, serviceUnavailable: true },
  });
}
