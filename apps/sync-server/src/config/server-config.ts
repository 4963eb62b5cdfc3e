import path from 'node:path';
import { parseArgs } from 'node:util';
import { UserFacingError } from '@kirinuki/contracts';

export interface ServerConfig {
  host: string;
  port: number;
  /** Keys, the SQLite file and uploaded media live here. */
  dataDir: string;
  /** `postgres://…`: the database, instead of SQLite in the data folder. */
  databaseUrl: string | undefined;
  /** Where browsers and desktops reach this server (OAuth callbacks); defaults to http://host:port. */
  publicUrl: string | undefined;
}

export const DEFAULT_PORT = 8787;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_DATA_DIR = 'sync-server-data';

/** Flags first, then HOST / PORT / DATA_DIR / DATABASE_URL / PUBLIC_URL, then the defaults. */
export function resolveServerConfig(argv: string[], env: NodeJS.ProcessEnv, cwd: string): ServerConfig {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        host: { type: 'string' },
        port: { type: 'string' },
        data: { type: 'string' },
        'database-url': { type: 'string' },
        'public-url': { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UserFacingError('USAGE', (error as Error).message, {
      hint: 'pnpm sync-server [--host H] [--port P] [--data DIR] [--database-url postgres://…] [--public-url URL]',
    });
  }
  const portText = values.port ?? env.PORT ?? String(DEFAULT_PORT);
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65_535) {
    throw new UserFacingError(
      'INVALID_ARGUMENT',
      `The port must be a whole number from 0 to 65535, not "${portText}".`,
    );
  }
  const databaseUrl = values['database-url'] ?? (env.DATABASE_URL || undefined);
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new UserFacingError(
      'INVALID_ARGUMENT',
      'DATABASE_URL must start with postgres:// (SQLite needs no URL).',
      {
        hint: 'Leave DATABASE_URL unset for SQLite in the data folder, or give postgres://user:password@host:5432/db.',
      },
    );
  }
  return {
    host: values.host ?? env.HOST ?? DEFAULT_HOST,
    port,
    dataDir: path.resolve(cwd, values.data ?? env.DATA_DIR ?? DEFAULT_DATA_DIR),
    databaseUrl,
    publicUrl: values['public-url'] ?? (env.PUBLIC_URL || undefined),
  };
}
