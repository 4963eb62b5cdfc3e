import type { Kysely, Migration } from 'kysely';

// Frozen. A team account's platform tokens, sealed (AES-256-GCM) by the server's key.
export const accountTokens: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('team_accounts').addColumn('tokens_sealed', 'text').execute();
  },
};
