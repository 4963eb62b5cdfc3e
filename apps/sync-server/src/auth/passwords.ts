import { hash, verify } from '@node-rs/argon2';
import { UserFacingError } from '@kirinuki/contracts';

// OWASP Password Storage Cheat Sheet: argon2id, 19 MiB, 2 passes, 1 lane. (2 is Argon2id in
// @node-rs/argon2's Algorithm, a const enum isolated modules cannot import.)
const ARGON2ID = 2;
export const ARGON2_OPTIONS = {
  algorithm: ARGON2ID,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

export const MIN_PASSWORD_LENGTH = 10;
/** Longer is refused before hashing: a megabyte "password" would only cost us CPU. */
export const MAX_PASSWORD_LENGTH = 1024;

export function checkNewPassword(password: string): void {
  const length = [...password].length;
  if (length < MIN_PASSWORD_LENGTH) {
    throw new UserFacingError(
      'WEAK_PASSWORD',
      `The password has ${length} characters; it needs at least ${MIN_PASSWORD_LENGTH}.`,
    );
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    throw new UserFacingError(
      'WEAK_PASSWORD',
      `The password is longer than ${MAX_PASSWORD_LENGTH} characters.`,
      {
        hint: `Choose a password of ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters.`,
      },
    );
  }
}

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_OPTIONS);
}

// Checked when the email is unknown, so an unknown email costs the same time as a wrong password.
let unknownUserHash: Promise<string> | undefined;

export async function verifyPassword(storedHash: string | undefined, password: string): Promise<boolean> {
  if (password.length > MAX_PASSWORD_LENGTH) return false;
  if (storedHash === undefined) {
    unknownUserHash ??= hashPassword('not the password of anyone');
    await verify(await unknownUserHash, password).catch(() => false);
    return false;
  }
  return verify(storedHash, password).catch(() => false);
}
