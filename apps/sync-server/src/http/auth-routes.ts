import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { bearerToken } from '../auth/access-tokens.js';
import {
  authenticate,
  changePassword,
  login,
  logout,
  me,
  refresh,
  register,
  type AuthDeps,
} from '../auth/auth-service.js';
import { MAX_PASSWORD_LENGTH } from '../auth/passwords.js';
import { errorBody, parseBody } from './http-errors.js';

/** 30 auth requests per client address per minute, shared by every /v1/auth route and /v1/me. */
export const AUTH_RATE_LIMIT = { max: 30, timeWindow: 60_000 } as const;
const AUTH_BODY_LIMIT = 16 * 1024;

const email = z.string().trim().max(254).pipe(z.email());
const password = z
  .string()
  .min(1)
  .max(MAX_PASSWORD_LENGTH * 4);
const RegisterBody = z.strictObject({ email, password, teamName: z.string().trim().min(1).max(100) });
const LoginBody = z.strictObject({ email, password });
const RefreshBody = z.strictObject({ refreshToken: z.string().min(1).max(200) });
const PasswordBody = z.strictObject({ currentPassword: password, newPassword: password });

export function registerAuthRoutes(
  app: FastifyInstance,
  deps: AuthDeps,
  limit: { max: number; timeWindow: number } = AUTH_RATE_LIMIT,
): void {
  // One counter per client address over every auth route (a per-route limit would give 6×30).
  const allowed = app.createRateLimit({ ...limit, keyGenerator: (request) => `auth:${request.ip}` });
  const onRequest = async (request: FastifyRequest, reply: FastifyReply) => {
    const verdict = await allowed(request);
    // isAllowed is the allow list's answer; the count's is isExceeded.
    if (verdict.isAllowed || !verdict.isExceeded) return;
    reply.header('retry-after', String(Math.max(1, verdict.ttlInSeconds)));
    await reply
      .status(429)
      .send(
        errorBody(
          'TOO_MANY_ATTEMPTS',
          `Too many sign-in requests from this address; try again in ${verdict.ttlInSeconds} s.`,
        ),
      );
  };
  const options = { onRequest, bodyLimit: AUTH_BODY_LIMIT };
  const caller = (authorization: string | string[] | undefined) =>
    authenticate(deps, bearerToken(authorization));

  app.post('/v1/auth/register', options, async (request, reply) =>
    reply.status(201).send(await register(deps, parseBody(RegisterBody, request.body))),
  );
  app.post('/v1/auth/login', options, async (request) => login(deps, parseBody(LoginBody, request.body)));
  app.post('/v1/auth/refresh', options, async (request) =>
    refresh(deps, parseBody(RefreshBody, request.body).refreshToken),
  );
  app.post('/v1/auth/logout', options, async (request, reply) => {
    await logout(deps, await caller(request.headers.authorization));
    return reply.status(204).send();
  });
  app.post('/v1/auth/password', options, async (request) =>
    changePassword(deps, await caller(request.headers.authorization), parseBody(PasswordBody, request.body)),
  );
  app.get('/v1/me', { onRequest }, async (request) => me(deps, await caller(request.headers.authorization)));
}
