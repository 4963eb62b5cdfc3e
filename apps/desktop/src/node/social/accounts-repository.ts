import type { Kysely, Selectable, Transaction } from 'kysely';
import { ulid } from '../ids/ulid.js';
import type { ConnectedAccount, PublishPlatform } from '@kirinuki/contracts';
import type { AccountsTable, SocialDatabase } from '../social-db/social.tables.js';

type Db = Kysely<SocialDatabase> | Transaction<SocialDatabase>;

const toAccount = (row: Selectable<AccountsTable>): ConnectedAccount => ({ ...row });

export async function listAccounts(
  db: Db,
  filter: { platform?: PublishPlatform } = {},
): Promise<ConnectedAccount[]> {
  let query = db.selectFrom('accounts').selectAll();
  if (filter.platform) query = query.where('platform', '=', filter.platform);
  return (await query.orderBy('connectedAt').execute()).map(toAccount);
}

export async function findAccount(db: Db, id: string): Promise<ConnectedAccount | null> {
  const row = await db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toAccount(row) : null;
}

/** Records a connection: the same platform account connected again keeps its id (its posts stay its). */
export async function upsertAccount(
  db: Db,
  account: Omit<ConnectedAccount, 'id' | 'connectedAt' | 'status'>,
  now = new Date(),
): Promise<ConnectedAccount> {
  const existing = await db
    .selectFrom('accounts')
    .selectAll()
    .where('platform', '=', account.platform)
    .where('remoteId', '=', account.remoteId)
    .executeTakeFirst();
  const iso = now.toISOString();
  if (existing) {
    await db
      .updateTable('accounts')
      .set({
        name: account.name,
        avatarUrl: account.avatarUrl,
        tokenExpiresAt: account.tokenExpiresAt,
        status: 'connected',
        updatedAt: iso,
      })
      .where('id', '=', existing.id)
      .execute();
    return { ...toAccount(existing), ...account, status: 'connected' };
  }
  const row: AccountsTable = {
    id: ulid(now.getTime()),
    ...account,
    status: 'connected',
    connectedAt: iso,
    updatedAt: iso,
  };
  await db.insertInto('accounts').values(row).execute();
  return toAccount(row);
}

export async function setAccountStatus(
  db: Db,
  id: string,
  change: { status?: ConnectedAccount['status']; tokenExpiresAt?: string | null },
): Promise<void> {
  await db
    .updateTable('accounts')
    .set({ ...change, updatedAt: new Date().toISOString() })
    .where('id', '=', id)
    .execute();
}

export async function deleteAccount(db: Db, id: string): Promise<void> {
  await db.deleteFrom('accounts').where('id', '=', id).execute();
}
