import { existsSync, renameSync } from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { UserFacingError } from '@kirinuki/contracts';
import type { ServerDatabase } from '../db/server-tables.js';
import {
  ENCRYPTION_KEY_FILE,
  NEXT_KEY_FILE,
  PREVIOUS_KEY_FILE,
  decodeKey,
  keyFile,
  loadServerKeys,
} from './server-keys.js';
import { keyIdOf, openToken, sealToken, sealedKeyId } from './token-cipher.js';

/** Reseals every stored platform token under `newKey`, in one transaction (all or none). */
export async function resealTokens(
  db: Kysely<ServerDatabase>,
  openingKeys: readonly Buffer[],
  newKey: Buffer,
): Promise<{ resealed: number; alreadyUnderNewKey: number }> {
  const newId = keyIdOf(newKey);
  return db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('team_accounts')
      .select(['id', 'tokens_sealed'])
      .where('tokens_sealed', 'is not', null)
      .execute();
    let resealed = 0;
    for (const row of rows) {
      if (sealedKeyId(row.tokens_sealed!) === newId) continue;
      let plaintext: string;
      try {
        plaintext = openToken([...openingKeys, newKey], row.tokens_sealed!, row.id);
      } catch (error) {
        throw new UserFacingError(
          'INVALID_ARGUMENT',
          `The tokens of account ${row.id} do not open: ${(error as Error).message}. Nothing was changed.`,
          {
            hint: 'Give the key they were sealed with (KIRINUKI_PREVIOUS_SERVER_KEY or server.key.previous) and run rotate-key again.',
            cause: error,
          },
        );
      }
      await trx
        .updateTable('team_accounts')
        .set({ tokens_sealed: sealToken(newKey, plaintext, row.id) })
        .where('id', '=', row.id)
        .execute();
      resealed += 1;
    }
    return { resealed, alreadyUnderNewKey: rows.length - resealed };
  });
}

/**
 * `pnpm sync-server rotate-key`. Key files: a new key is written to `server.key.next`, the tokens
 * resealed under it, then it becomes `server.key` and the old one `server.key.previous`; run
 * again after a crash at any step, it finishes. With KIRINUKI_SERVER_KEY: reseals under
 * KIRINUKI_NEW_SERVER_KEY and says which variables to set. Replicas restart afterwards.
 */
export async function rotateServerKey(
  db: Kysely<ServerDatabase>,
  dataDir: string,
  env: NodeJS.ProcessEnv,
): Promise<{ resealed: number; alreadyUnderNewKey: number; next: string }> {
  const currentFile = path.join(dataDir, ENCRYPTION_KEY_FILE);
  const nextFile = path.join(dataDir, NEXT_KEY_FILE);
  // Stopped between its two renames: the tokens are all under the next key already.
  if (!env.KIRINUKI_SERVER_KEY && !existsSync(currentFile) && existsSync(nextFile))
    renameSync(nextFile, currentFile);
  const keys = loadServerKeys(dataDir, env);
  if (env.KIRINUKI_SERVER_KEY) {
    if (!env.KIRINUKI_NEW_SERVER_KEY) {
      throw new UserFacingError(
        'USAGE',
        'With KIRINUKI_SERVER_KEY set, the new key comes from KIRINUKI_NEW_SERVER_KEY.',
        {
          hint: 'Make one with `openssl rand -base64 32`, set KIRINUKI_NEW_SERVER_KEY to it and run rotate-key again.',
        },
      );
    }
    const counts = await resealTokens(
      db,
      keys.openingKeys,
      decodeKey(env.KIRINUKI_NEW_SERVER_KEY, 'KIRINUKI_NEW_SERVER_KEY'),
    );
    return {
      ...counts,
      next: 'Now set KIRINUKI_SERVER_KEY to the new key, and KIRINUKI_PREVIOUS_SERVER_KEY to the old one until every replica has restarted.',
    };
  }
  const newKey = keyFile(nextFile);
  const counts = await resealTokens(db, keys.openingKeys, newKey);
  renameSync(currentFile, path.join(dataDir, PREVIOUS_KEY_FILE));
  renameSync(nextFile, currentFile);
  return { ...counts, next: 'Restart every server on this data folder so it seals with the new key.' };
}
