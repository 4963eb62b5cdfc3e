import { randomUUID } from 'node:crypto';
import { SignJWT, jwtVerify } from 'jose';
import { UserFacingError } from '@kirinuki/contracts';

export const ACCESS_TOKEN_ISSUER = 'kirinuki-sync-server';
export const ACCESS_TOKEN_AUDIENCE = 'kirinuki-desktop';
export const ACCESS_TOKEN_SECONDS = 15 * 60;

export interface AccessClaims {
  userId: string;
  sessionId: string;
}

export async function signAccessToken(key: Uint8Array, claims: AccessClaims, nowMs: number): Promise<string> {
  const now = Math.floor(nowMs / 1000);
  return new SignJWT({ sid: claims.sessionId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.userId)
    .setIssuer(ACCESS_TOKEN_ISSUER)
    .setAudience(ACCESS_TOKEN_AUDIENCE)
    .setIssuedAt(now)
    .setExpirationTime(now + ACCESS_TOKEN_SECONDS)
    .setJti(randomUUID())
    .sign(key);
}

/** The claims of a token this server signed for desktops, still within its 15 minutes; else 401. */
export async function verifyAccessToken(
  key: Uint8Array,
  token: string,
  nowMs: number,
): Promise<AccessClaims> {
  try {
    const { payload } = await jwtVerify(token, key, {
      issuer: ACCESS_TOKEN_ISSUER,
      audience: ACCESS_TOKEN_AUDIENCE,
      algorithms: ['HS256'],
      currentDate: new Date(nowMs),
      requiredClaims: ['sub', 'exp', 'iat'],
    });
    if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string') throw new Error('claims missing');
    return { userId: payload.sub, sessionId: payload.sid };
  } catch (error) {
    const expired = (error as { code?: string }).code === 'ERR_JWT_EXPIRED';
    throw new UserFacingError(
      'UNAUTHENTICATED',
      expired ? 'The access token has expired.' : 'The access token is not one this server issued.',
      { hint: expired ? 'Refresh it with POST /v1/auth/refresh, or sign in again.' : undefined },
    );
  }
}

/** The token of an `Authorization: Bearer …` header, or undefined. */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const match = /^Bearer ([A-Za-z0-9._~+/-]+=*)$/.exec(value ?? '');
  return match?.[1];
}
