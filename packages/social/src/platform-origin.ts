import { UserFacingError, type PublishPlatform } from '@kirinuki/contracts';

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export const isLoopbackHost = (hostname: string) =>
  LOOPBACK_HOSTS.has(hostname) || hostname.startsWith('127.');

/** The environment variable that sends a platform's requests elsewhere (`KIRINUKI_PLATFORM_ORIGIN_X`…). */
export const originVariable = (platform: PublishPlatform) =>
  `KIRINUKI_PLATFORM_ORIGIN_${platform.toUpperCase()}`;

/**
 * The origin every request of a platform goes to instead of its own (a local fake, a proxy): the
 * environment variable, else the setting `platforms.<id>.origin`, else none. `http://` only for
 * loopback; anything else is refused with a coded error.
 */
export function platformOrigin(
  platform: PublishPlatform,
  sources: { env?: Record<string, string | undefined>; setting?: string | null | undefined } = {},
): string | null {
  const raw = sources.env?.[originVariable(platform)] || sources.setting || null;
  if (!raw) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UserFacingError('INVALID_ARGUMENT', `The ${platform} origin "${raw}" is not a URL.`, {
      hint: `Give an origin such as https://proxy.example or http://127.0.0.1:7001 (${originVariable(platform)}).`,
    });
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopbackHost(url.hostname)))
    throw new UserFacingError(
      'INVALID_ARGUMENT',
      `The ${platform} origin ${url.origin} is neither https nor loopback.`,
      {
        hint: 'Plain http is allowed only for a server on this machine (127.0.0.1, localhost, ::1).',
      },
    );
  return url.origin;
}

/** The URL with its origin swapped for `origin` (path and query kept), or as it is without one. */
export function viaOrigin(url: string | URL, origin: string | null | undefined): URL {
  const real = new URL(url);
  if (!origin) return real;
  return new URL(`${real.pathname}${real.search}`, origin);
}
