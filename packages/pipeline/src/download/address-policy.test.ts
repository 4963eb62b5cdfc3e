import { describe, expect, it } from 'vitest';
import { forbiddenAddressReason, ipv6Groups } from './address-policy.js';

describe('forbiddenAddressReason', () => {
  it.each([
    ['127.0.0.1', /loopback/],
    ['127.255.0.9', /loopback/],
    ['10.0.0.1', /private/],
    ['172.16.0.1', /private/],
    ['172.31.255.255', /private/],
    ['192.168.1.1', /private/],
    ['100.64.0.1', /private/],
    ['169.254.169.254', /link-local/],
    ['0.0.0.0', /unspecified/],
    ['224.0.0.1', /multicast/],
    ['255.255.255.255', /broadcast/],
    ['::1', /loopback/],
    ['::', /unspecified/],
    ['::ffff:127.0.0.1', /loopback \(IPv4 inside IPv6\)/],
    ['::ffff:7f00:1', /loopback/],
    ['::ffff:10.1.2.3', /private/],
    ['64:ff9b::a9fe:a9fe', /link-local/],
    ['fc00::1', /unique local/],
    ['fd12:3456::1', /unique local/],
    ['fe80::1%eth0', /link-local/],
    ['ff02::1', /multicast/],
    ['not-an-ip', /not an IP/],
  ])('%s is refused (%s)', (address, reason) => {
    expect(forbiddenAddressReason(address)).toMatch(reason);
  });

  it.each([
    '8.8.8.8',
    '172.32.0.1',
    '172.15.255.255',
    '100.128.0.1',
    '1.1.1.1',
    '2606:4700::1111',
    '::ffff:8.8.8.8',
    '2001:db8::1',
  ])('%s is public', (address) => {
    expect(forbiddenAddressReason(address)).toBeNull();
  });

  it.each([
    ['::1', [0, 0, 0, 0, 0, 0, 0, 1]],
    ['fe80::1:2', [0xfe80, 0, 0, 0, 0, 0, 1, 2]],
    ['::ffff:1.2.3.4', [0, 0, 0, 0, 0, 0xffff, 0x0102, 0x0304]],
    ['1:2:3:4:5:6:7:8', [1, 2, 3, 4, 5, 6, 7, 8]],
  ])('ipv6Groups(%s)', (address, groups) => {
    expect(ipv6Groups(address)).toEqual(groups);
  });
});
