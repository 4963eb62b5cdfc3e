import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM for platform tokens at rest: `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url), the
 * key id a hash of the key, so after a rotation each value says which key opens it. The row's id
 * is bound as associated data: a ciphertext copied onto another account does not open.
 */
export const keyIdOf = (key: Buffer): string =>
  createHash('sha256').update(key).digest('base64url').slice(0, 12);

export function sealToken(key: Buffer, plaintext: string, boundTo: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(boundTo));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [
    'v1',
    keyIdOf(key),
    iv.toString('base64url'),
    cipher.getAuthTag().toString('base64url'),
    ciphertext.toString('base64url'),
  ].join('.');
}

/** The key id a sealed value was made with, or undefined when it is not one of ours. */
export function sealedKeyId(sealed: string): string | undefined {
  const parts = sealed.split('.');
  return parts.length === 5 && parts[0] === 'v1' ? parts[1] : undefined;
}

export function openToken(keys: readonly Buffer[], sealed: string, boundTo: string): string {
  const [version, keyId, iv, tag, ciphertext] = sealed.split('.');
  if (version !== 'v1' || !keyId || !iv || !tag || ciphertext === undefined)
    throw new Error('not a sealed token');
  const key = keys.find((candidate) => keyIdOf(candidate) === keyId);
  if (!key) throw new Error(`sealed under key ${keyId}, which this server does not hold`);
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAAD(Buffer.from(boundTo));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString(
    'utf8',
  );
}
