import { describe, expect, it } from 'vitest';
import { ownerLiveness, readBootId, type LeaseOwner, type OwnerLiveness } from './lease-owner.js';

const self: LeaseOwner = { id: 'run-self', pid: 100, host: 'box', bootId: 'boot-1' };
const alive = new Set([200]);

describe('ownerLiveness', () => {
  const cases: Array<[string, Partial<LeaseOwner>, OwnerLiveness]> = [
    ['our own run', { id: 'run-self' }, 'self'],
    ['live pid on the same boot', { pid: 200 }, 'alive'],
    ['dead pid on the same boot', { pid: 300 }, 'dead'],
    ['a previous run that had our pid', { pid: 100 }, 'dead'],
    ['an earlier boot of this machine, even with a live pid', { pid: 200, bootId: 'boot-0' }, 'dead'],
    ['another host', { host: 'gpu-box', pid: 300 }, 'unknown'],
    ['unknown boot id: the pid decides', { pid: 300, bootId: 'unknown' }, 'dead'],
    ['unknown boot id, live pid', { pid: 200, bootId: 'unknown' }, 'alive'],
  ];
  it.each(cases)('%s', (_name, owner, expected) => {
    const full = { id: 'run-other', pid: 1, host: 'box', bootId: 'boot-1', ...owner };
    expect(ownerLiveness(full, self, (pid) => alive.has(pid))).toBe(expected);
  });
});

describe('readBootId', () => {
  it('reads and trims the kernel boot id, or says unknown', () => {
    expect(readBootId(() => 'abc-123\n')).toBe('abc-123');
    expect(
      readBootId(() => {
        throw new Error('ENOENT');
      }),
    ).toBe('unknown');
  });
});
