import { isIP } from 'node:net';

/** Why connecting to `address` is refused without --allow-private-network, or null when it is public. */
export function forbiddenAddressReason(address: string): string | null {
  const family = isIP(address);
  if (family === 4) return forbiddenV4(address.split('.').map(Number) as [number, number, number, number]);
  if (family === 6) return forbiddenV6(address);
  return 'not an IP address';
}

function forbiddenV4([a, b]: [number, number, number, number]): string | null {
  if (a === 127) return 'loopback';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private network';
  if (a === 100 && b >= 64 && b <= 127) return 'carrier-grade NAT (private)';
  if (a === 169 && b === 254) return 'link-local (cloud metadata lives here)';
  if (a === 0) return 'unspecified';
  if (a >= 224 && a <= 239) return 'multicast';
  if (a >= 240) return 'reserved or broadcast';
  return null;
}

/** Expands an IPv6 address to its eight 16-bit groups. */
export function ipv6Groups(address: string): number[] {
  let text = address.toLowerCase().split('%')[0] as string;
  const tail: number[] = [];
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = (v4[1] as string).split('.').map(Number) as [number, number, number, number];
    tail.push((a << 8) | b, (c << 8) | d);
    text = text
      .slice(0, -(v4[1] as string).length)
      .replace(/:$/, ':0')
      .replace(/::0$/, '::');
    if (text.endsWith(':0') && !text.endsWith('::0')) text = text.slice(0, -2);
  }
  const [head, rest] = text.includes('::') ? text.split('::') : [text, null];
  const parse = (s: string | undefined) =>
    s
      ? s
          .split(':')
          .filter(Boolean)
          .map((g) => parseInt(g, 16))
      : [];
  const left = parse(head);
  const right = [...parse(rest ?? undefined), ...tail];
  const fill = rest === null ? 0 : 8 - left.length - right.length;
  const groups =
    rest === null ? [...left, ...right] : [...left, ...new Array(Math.max(0, fill)).fill(0), ...right];
  return groups.slice(0, 8);
}

function forbiddenV6(address: string): string | null {
  const g = ipv6Groups(address);
  if (g.every((x) => x === 0)) return 'unspecified';
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return 'loopback';
  const mappedV4 = g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff;
  const nat64 = g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0);
  if (mappedV4 || nat64) {
    const v4 = [(g[6] as number) >> 8, (g[6] as number) & 255, (g[7] as number) >> 8, (g[7] as number) & 255];
    const reason = forbiddenV4(v4 as [number, number, number, number]);
    return reason ? `${reason} (IPv4 inside IPv6)` : null;
  }
  const first = g[0] as number;
  if ((first & 0xfe00) === 0xfc00) return 'private network (unique local)';
  if ((first & 0xffc0) === 0xfe80) return 'link-local';
  if ((first & 0xffc0) === 0xfec0) return 'site-local (private)';
  if ((first & 0xff00) === 0xff00) return 'multicast';
  return null;
}
