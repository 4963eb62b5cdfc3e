import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { isIP } from 'node:net';
import { UserFacingError } from '@kirinuki/contracts';
import { forbiddenAddressReason } from './address-policy.js';

/** Decides whether an address may be connected to: a reason to refuse, or null. */
export type AddressPolicy = (address: string, hostname: string) => string | null;

export const publicOnlyPolicy: AddressPolicy = (address) => forbiddenAddressReason(address);
export const anyAddressPolicy: AddressPolicy = () => null;

export function addressPolicyFor(allowPrivateNetwork: boolean): AddressPolicy {
  return allowPrivateNetwork ? anyAddressPolicy : publicOnlyPolicy;
}

/** Refused by the address policy; carried through socket errors so it stays a user error. */
export class ForbiddenAddressError extends Error {
  override readonly name = 'ForbiddenAddressError';
  constructor(
    readonly hostname: string,
    readonly address: string,
    readonly reason: string,
  ) {
    super(`${hostname} resolves to ${address} (${reason})`);
  }
}

export function urlForbidden(url: string, why: string): UserFacingError {
  return new UserFacingError('URL_FORBIDDEN', `${url} is refused: ${why}.`, { details: { url } });
}

/** Parses what the user typed as a URL; only http(s) is accepted. */
export function parseDownloadUrl(input: string): URL {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new UserFacingError('INVALID_ARGUMENT', `${input} is not a valid URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw urlForbidden(
      input.length > 80 ? `${input.slice(0, 77)}…` : input,
      `only http and https URLs can be imported, not ${url.protocol}`,
    );
  }
  return url;
}

/** The host part without IPv6 brackets. */
export const bareHostname = (url: URL) => url.hostname.replace(/^\[|\]$/g, '');

/** Checks an IP-literal host at once (Node does not call `lookup` for those). */
export function checkLiteralHost(url: URL, policy: AddressPolicy): void {
  const host = bareHostname(url);
  if (isIP(host)) {
    const reason = policy(host, host);
    if (reason) throw new ForbiddenAddressError(host, host, reason);
  }
}

/**
 * A `lookup` for http(s).request that refuses forbidden addresses at connect time, so a DNS
 * answer cannot point the download at the local network (checked on every hop).
 */
export function guardedLookup(policy: AddressPolicy) {
  return (
    hostname: string,
    options: LookupOptions,
    callback: (
      error: NodeJS.ErrnoException | null,
      address: string | LookupAddress[],
      family?: number,
    ) => void,
  ): void => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      for (const entry of addresses) {
        const reason = policy(entry.address, hostname);
        if (reason)
          return callback(
            new ForbiddenAddressError(hostname, entry.address, reason) as NodeJS.ErrnoException,
            [],
          );
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first)
        return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), []);
      callback(null, first.address, first.family);
    });
  };
}
