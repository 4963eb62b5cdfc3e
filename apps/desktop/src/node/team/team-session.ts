import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UserFacingError, isErrorCode } from '@kirinuki/contracts';
import type { SecretStore } from '../../common/secret-store.js';

/** What the library keeps of a team sign-in; the refresh token lives in the secret store only. */
export interface TeamSignIn {
  server: string;
  email: string;
  userId: string;
}

export interface TeamStatus {
  signedIn: true;
  server: string;
  user: { id: string; email: string };
  teams: Array<{ id: string; name: string; role: string }>;
}

const REFRESH_SECRET = 'team.refreshToken';
const signInFile = (libraryDir: string) => path.join(libraryDir, 'team.json');

export interface TeamSessionDeps {
  libraryDir: string;
  secrets: SecretStore;
  fetch?: typeof fetch;
  signal?: AbortSignal;
}

/** The desktop's side of the team server: sign in, status (rotating the refresh token), sign out. */
export function teamSession(deps: TeamSessionDeps) {
  const call = async <T>(
    server: string,
    route: string,
    init: { body?: unknown; token?: string; method?: string } = {},
  ): Promise<T> => {
    let response: Response;
    try {
      response = await (deps.fetch ?? fetch)(new URL(route, server), {
        method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
        headers: {
          'x-request-id': `desktop-${randomUUID()}`,
          ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
        },
        ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
        ...(deps.signal ? { signal: deps.signal } : {}),
      });
    } catch (error) {
      if (deps.signal?.aborted) throw error;
      throw new UserFacingError(
        'TEAM_SERVER_UNREACHABLE',
        `The team server at ${server} did not answer: ${(error as Error).message}`,
        { cause: error },
      );
    }
    const text = await response.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    if (response.ok) return body as T;
    const sent = (body as { error?: { code?: unknown; message?: unknown; hint?: unknown } } | undefined)
      ?.error;
    if (sent && isErrorCode(sent.code) && typeof sent.message === 'string') {
      throw new UserFacingError(
        sent.code,
        sent.message,
        typeof sent.hint === 'string' ? { hint: sent.hint } : {},
      );
    }
    throw new UserFacingError(
      'TEAM_SERVER_UNREACHABLE',
      `The team server at ${server} answered ${response.status} without a reason.`,
    );
  };

  const saved = (): TeamSignIn | undefined => {
    try {
      return JSON.parse(readFileSync(signInFile(deps.libraryDir), 'utf8')) as TeamSignIn;
    } catch {
      return undefined;
    }
  };
  const forget = () => {
    deps.secrets.set(REFRESH_SECRET, null);
    rmSync(signInFile(deps.libraryDir), { force: true });
  };
  const notSignedIn = () =>
    new UserFacingError('UNAUTHENTICATED', 'This library is not signed in to a team server.', {
      hint: 'Sign in with `kirinuki team login --server <url> --email <email>`.',
    });
  /** A fresh access token, the refresh token rotated and the new one saved before it is used. */
  const accessToken = async (signIn: TeamSignIn): Promise<string> => {
    const refreshToken = deps.secrets.get(REFRESH_SECRET);
    if (!refreshToken) throw notSignedIn();
    try {
      const pair = await call<{ accessToken: string; refreshToken: string }>(
        signIn.server,
        '/v1/auth/refresh',
        { body: { refreshToken } },
      );
      deps.secrets.set(REFRESH_SECRET, pair.refreshToken);
      return pair.accessToken;
    } catch (error) {
      // The server ended this sign-in (reuse, logout elsewhere, password change): nothing to keep.
      if (
        error instanceof UserFacingError &&
        ['REFRESH_TOKEN_REUSED', 'SESSION_REVOKED', 'INVALID_REFRESH_TOKEN'].includes(error.code)
      )
        forget();
      throw error;
    }
  };

  return {
    async login(server: string, email: string, password: string): Promise<TeamStatus> {
      let origin: string;
      try {
        origin = new URL(server).origin;
        if (!/^https?:$/.test(new URL(server).protocol)) throw new Error('not http(s)');
      } catch {
        throw new UserFacingError('INVALID_ARGUMENT', `"${server}" is not an http(s) URL.`, {
          hint: 'Give the server as https://host[:port].',
        });
      }
      const answer = await call<{
        user: { id: string; email: string };
        teams: TeamStatus['teams'];
        refreshToken: string;
      }>(origin, '/v1/auth/login', {
        body: { email, password },
      });
      deps.secrets.set(REFRESH_SECRET, answer.refreshToken);
      mkdirSync(deps.libraryDir, { recursive: true });
      writeFileSync(
        signInFile(deps.libraryDir),
        JSON.stringify(
          { server: origin, email: answer.user.email, userId: answer.user.id } satisfies TeamSignIn,
          null,
          2,
        ),
      );
      return { signedIn: true, server: origin, user: answer.user, teams: answer.teams };
    },
    async status(): Promise<TeamStatus | { signedIn: false }> {
      const signIn = saved();
      if (!signIn) return { signedIn: false };
      const me = await call<{ user: { id: string; email: string }; teams: TeamStatus['teams'] }>(
        signIn.server,
        '/v1/me',
        { token: await accessToken(signIn) },
      );
      return { signedIn: true, server: signIn.server, ...me };
    },
    async logout(): Promise<{ signedOut: boolean; server?: string }> {
      const signIn = saved();
      if (!signIn) return { signedOut: false };
      try {
        await call(signIn.server, '/v1/auth/logout', { token: await accessToken(signIn), method: 'POST' });
      } finally {
        forget();
      }
      return { signedOut: true, server: signIn.server };
    },
  };
}
