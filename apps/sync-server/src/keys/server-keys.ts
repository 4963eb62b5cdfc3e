import { hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { UserFacingError } from '@kirinuki/contracts';

export interface ServerKeys {
  /** AES-256-GCM key for platform tokens at rest. */
  encryptionKey: Buffer;
  /** Every key a sealed token may be under: the current one first, then one a rotation left. */
  openingKeys: Buffer[];
  /** HS256 key for access tokens; every replica needs the same one. */
  jwtSigningKey: Buffer;
  /** Where each came from, for the start-up line (never the key itself). */
  sources: { encryption: string; jwt: string };
}

export const ENCRYPTION_KEY_FILE = 'server.key';
export const JWT_KEY_FILE = 'jwt-signing.key';
/** A rotation's new key until it is in place, and the key it replaced (kept to open late rows). */
export const NEXT_KEY_FILE = 'server.key.next';
export const PREVIOUS_KEY_FILE = 'server.key.previous';

/**
 * KIRINUKI_SERVER_KEY (base64, 32 bytes) when set, so replicas share one secret, with the JWT key
 * taken from KIRINUKI_JWT_KEY or derived from it (HKDF); else the key files in the data folder,
 * created on the first start (0600) and read on every later one.
 */
export function loadServerKeys(dataDir: string, env: NodeJS.ProcessEnv): ServerKeys {
  if (env.KIRINUKI_SERVER_KEY) {
    const encryptionKey = decodeKey(env.KIRINUKI_SERVER_KEY, 'KIRINUKI_SERVER_KEY');
    const jwtSigningKey = env.KIRINUKI_JWT_KEY
      ? decodeKey(env.KIRINUKI_JWT_KEY, 'KIRINUKI_JWT_KEY')
      : Buffer.from(hkdfSync('sha256', encryptionKey, Buffer.alloc(0), 'kirinuki access tokens', 32));
    const previous = env.KIRINUKI_PREVIOUS_SERVER_KEY;
    return {
      encryptionKey,
      openingKeys: [
        encryptionKey,
        ...(previous ? [decodeKey(previous, 'KIRINUKI_PREVIOUS_SERVER_KEY')] : []),
      ],
      jwtSigningKey,
      sources: {
        encryption: 'KIRINUKI_SERVER_KEY',
        jwt: env.KIRINUKI_JWT_KEY ? 'KIRINUKI_JWT_KEY' : 'KIRINUKI_SERVER_KEY',
      },
    };
  }
  mkdirSync(dataDir, { recursive: true });
  const encryptionKey = keyFile(path.join(dataDir, ENCRYPTION_KEY_FILE));
  const left = [NEXT_KEY_FILE, PREVIOUS_KEY_FILE]
    .map((file) => path.join(dataDir, file))
    .filter((file) => existsSync(file));
  return {
    encryptionKey,
    openingKeys: [encryptionKey, ...left.map((file) => decodeKey(readFileSync(file, 'utf8'), file))],
    jwtSigningKey: keyFile(path.join(dataDir, JWT_KEY_FILE)),
    sources: { encryption: path.join(dataDir, ENCRYPTION_KEY_FILE), jwt: path.join(dataDir, JWT_KEY_FILE) },
  };
}

/** The key in `file`, made first (0600) when there is none. */
export function keyFile(file: string): Buffer {
  try {
    // 'wx': of two replicas starting on one folder, only one writes; the other reads its key.
    writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
      throw new UserFacingError(
        'LIBRARY_NOT_WRITABLE',
        `Could not create the key file ${file}: ${(error as Error).message}`,
        {
          hint: 'Give a data folder the server can write to (--data DIR or DATA_DIR), or set KIRINUKI_SERVER_KEY.',
          cause: error,
        },
      );
    }
  }
  return decodeKey(readFileSync(file, 'utf8').trim(), file);
}

export function decodeKey(text: string, from: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== 32) {
    throw new UserFacingError(
      'INVALID_ARGUMENT',
      `${from} must hold 32 bytes in base64 (it holds ${key.length}).`,
      {
        hint: 'Make one with `openssl rand -base64 32`.',
      },
    );
  }
  return key;
}
