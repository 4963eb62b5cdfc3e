import { existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openServerStore, type ServerStore } from '../db/open-server-database.js';
import { rotateServerKey } from './rotate-server-key.js';
import { ENCRYPTION_KEY_FILE, NEXT_KEY_FILE, PREVIOUS_KEY_FILE, loadServerKeys } from './server-keys.js';
import { keyIdOf, openToken, sealToken, sealedKeyId } from './token-cipher.js';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function dataWithAccounts(count: number): Promise<{ dir: string; store: ServerStore }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kirinuki-rotate-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  const store = await openServerStore({ dataDir: dir });
  cleanup.push(() => store.close());
  const { encryptionKey } = loadServerKeys(dir, {});
  await store.db.insertInto('teams').values({ id: 't', name: 'T', created_at: 1 }).execute();
  for (let i = 0; i < count; i += 1) {
    const id = `acct-${i}`;
    await store.db
      .insertInto('team_accounts')
      .values({
        id,
        team_id: 't',
        platform: 'x',
        display_name: id,
        connected_by: 'u',
        connected_at: 1,
        status: 'ok',
        tokens_sealed: sealToken(encryptionKey, `{"refresh":"secret-${i}"}`, id),
      })
      .execute();
  }
  return { dir, store };
}

const sealedRows = (store: ServerStore) =>
  store.db.selectFrom('team_accounts').select(['id', 'tokens_sealed']).orderBy('id').execute();

describe('token sealing', () => {
  it('opens only with its key and only for the row it was sealed for; the value says its key', () => {
    const key = Buffer.alloc(32, 1);
    const sealed = sealToken(key, 'refresh-token', 'acct-1');
    expect(sealed).not.toContain('refresh-token');
    expect(sealedKeyId(sealed)).toBe(keyIdOf(key));
    expect(openToken([Buffer.alloc(32, 2), key], sealed, 'acct-1')).toBe('refresh-token');
    expect(() => openToken([key], sealed, 'acct-2')).toThrow();
    expect(() => openToken([Buffer.alloc(32, 2)], sealed, 'acct-1')).toThrow(/does not hold/);
    const flipped = sealed.slice(0, -2) + (sealed.endsWith('AA') ? 'BB' : 'AA');
    expect(() => openToken([key], flipped, 'acct-1')).toThrow();
  });
});

describe('rotate-key', () => {
  it('reseals every token under a new key file and keeps the old one as previous', async () => {
    const { dir, store } = await dataWithAccounts(3);
    const before = loadServerKeys(dir, {}).encryptionKey;
    const done = await rotateServerKey(store.db, dir, {});
    expect([done.resealed, done.alreadyUnderNewKey]).toEqual([3, 0]);
    const after = loadServerKeys(dir, {});
    expect(after.encryptionKey.equals(before)).toBe(false);
    expect(readFileSync(path.join(dir, PREVIOUS_KEY_FILE), 'utf8').trim()).toBe(before.toString('base64'));
    expect(existsSync(path.join(dir, NEXT_KEY_FILE))).toBe(false);
    for (const [i, row] of (await sealedRows(store)).entries()) {
      expect(sealedKeyId(row.tokens_sealed!)).toBe(keyIdOf(after.encryptionKey));
      expect(openToken([after.encryptionKey], row.tokens_sealed!, row.id)).toBe(`{"refresh":"secret-${i}"}`);
    }
  });

  it('run again after stopping between its steps, it finishes with every token readable', async () => {
    const { dir, store } = await dataWithAccounts(2);
    await rotateServerKey(store.db, dir, {});
    // As if stopped after resealing and the first rename of a second rotation.
    const third = loadServerKeys(dir, {});
    renameSync(path.join(dir, ENCRYPTION_KEY_FILE), path.join(dir, NEXT_KEY_FILE));
    const finished = await rotateServerKey(store.db, dir, {});
    expect(finished.resealed).toBe(2);
    const keys = loadServerKeys(dir, {});
    expect(keys.encryptionKey.equals(third.encryptionKey)).toBe(false);
    for (const row of await sealedRows(store))
      expect(openToken([keys.encryptionKey], row.tokens_sealed!, row.id)).toMatch(/secret/);
  });

  it('with KIRINUKI_SERVER_KEY: reseals under KIRINUKI_NEW_SERVER_KEY, or says it needs one; a token no key opens changes nothing', async () => {
    const { dir, store } = await dataWithAccounts(2);
    const fileKey = loadServerKeys(dir, {}).encryptionKey.toString('base64');
    const fresh = Buffer.alloc(32, 9).toString('base64');
    await expect(rotateServerKey(store.db, dir, { KIRINUKI_SERVER_KEY: fileKey })).rejects.toMatchObject({
      code: 'USAGE',
    });
    const stranger = Buffer.alloc(32, 5).toString('base64');
    const before = await sealedRows(store);
    await expect(
      rotateServerKey(store.db, dir, { KIRINUKI_SERVER_KEY: stranger, KIRINUKI_NEW_SERVER_KEY: fresh }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(await sealedRows(store)).toEqual(before);
    const done = await rotateServerKey(store.db, dir, {
      KIRINUKI_SERVER_KEY: fileKey,
      KIRINUKI_NEW_SERVER_KEY: fresh,
    });
    expect(done.resealed).toBe(2);
    for (const row of await sealedRows(store))
      expect(sealedKeyId(row.tokens_sealed!)).toBe(keyIdOf(Buffer.from(fresh, 'base64')));
  });
});
