import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_CODES, isUserFacingError, type ErrorCode } from '@kirinuki/contracts';
import type { z } from 'zod';

/** The HTTP status of each code this server answers with (500 for any other). */
export const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  USAGE: 400,
  INVALID_ARGUMENT: 400,
  INVALID_REQUEST: 400,
  WEAK_PASSWORD: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  INVALID_REFRESH_TOKEN: 401,
  REFRESH_TOKEN_REUSED: 401,
  SESSION_REVOKED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  EMAIL_TAKEN: 409,
  LAST_OWNER: 409,
  INVITE_INVALID: 410,
  PAYLOAD_TOO_LARGE: 413,
  TOO_MANY_ATTEMPTS: 429,
  DATABASE_UNREACHABLE: 503,
};

export interface ErrorBody {
  error: { code: ErrorCode; message: string; hint: string };
}

export const errorBody = (code: ErrorCode, message: string, hint: string = ERROR_CODES[code]): ErrorBody => ({
  error: { code, message, hint },
});

/** A request body checked against its schema; a wrong one is a 400 naming the first bad field. */
export function parseBody<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'the body';
  throw new RequestInvalid(`${where}: ${issue?.message ?? 'not of the expected shape'}`);
}

export class RequestInvalid extends Error {
  override readonly name = 'RequestInvalid';
}

/**
 * Every error as `{error: {code, message, hint}}` with its status: ours by code, Fastify's own
 * (malformed JSON, oversized or wrongly typed bodies) by theirs; the rest is a logged 500 that
 * says nothing of its insides.
 */
export function replyWithError(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (isUserFacingError(error)) {
    const status = HTTP_STATUS[error.code] ?? 500;
    if (error.retryAt !== undefined) {
      reply.header('retry-after', String(Math.max(1, Math.ceil((error.retryAt - Date.now()) / 1000))));
    }
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    return reply.status(status).send(errorBody(error.code, error.message, error.hint));
  }
  if (error instanceof RequestInvalid)
    return reply.status(400).send(errorBody('INVALID_REQUEST', error.message));
  const fastifyError = error as FastifyError;
  if (fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return reply
      .status(413)
      .send(errorBody('PAYLOAD_TOO_LARGE', 'The request body is larger than this route takes.'));
  }
  const status = fastifyError.statusCode ?? 500;
  if (status === 429) return reply.status(429).send(errorBody('TOO_MANY_ATTEMPTS', fastifyError.message));
  if (status >= 400 && status < 500) {
    return reply
      .status(status)
      .send(errorBody('INVALID_REQUEST', fastifyError.message || 'The request was not understood.'));
  }
  request.log.error({ err: error }, 'request failed');
  return reply.status(500).send(errorBody('INTERNAL', 'The server failed to answer this request.'));
}
