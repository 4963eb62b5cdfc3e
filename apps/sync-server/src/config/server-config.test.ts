import { describe, expect, it } from 'vitest';
import type { UserFacingError } from '@kirinuki/contracts';
import { resolveServerConfig } from './server-config.js';

describe('resolveServerConfig', () => {
  it.each([
    [[], {}, { host: '127.0.0.1', port: 8787, dataDir: '/srv/sync-server-data', databaseUrl: undefined }],
    [
      ['--port', '9000', '--host', '0.0.0.0', '--data', 'd'],
      { PORT: '1' },
      { host: '0.0.0.0', port: 9000, dataDir: '/srv/d' },
    ],
    [
      [],
      { HOST: '::', PORT: '0', DATA_DIR: '/var/lib/k', DATABASE_URL: 'postgres://u:p@db/k' },
      { host: '::', port: 0, dataDir: '/var/lib/k', databaseUrl: 'postgres://u:p@db/k' },
    ],
  ])('%j with %j', (argv, env, expected) => {
    expect(resolveServerConfig(argv, env, '/srv')).toMatchObject(expected);
  });

  it.each([
    [['--port', 'http'], {}, 'INVALID_ARGUMENT'],
    [['--port', '70000'], {}, 'INVALID_ARGUMENT'],
    [['--bogus'], {}, 'USAGE'],
    [[], { DATABASE_URL: 'mysql://x' }, 'INVALID_ARGUMENT'],
  ])('refuses %j %j with %s', (argv, env, code) => {
    try {
      resolveServerConfig(argv, env, '/srv');
      expect.unreachable();
    } catch (error) {
      expect((error as UserFacingError).code).toBe(code);
    }
  });
});
