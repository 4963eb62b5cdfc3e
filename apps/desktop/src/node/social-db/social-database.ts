import type { DatabaseDefinition } from '@kirinuki/db';
import { socialMigrations } from './migrations/index.js';

export type { SocialDatabase } from './social.tables.js';

/** Accounts and posts: their own SQLite file beside the library (`social.db`). */
export const SOCIAL_DATABASE: DatabaseDefinition = {
  name: 'social',
  file: 'social.db',
  migrations: socialMigrations,
};
