import type { Migration } from 'kysely';
import * as createAccountsAndPosts from './2026-12-06T2300-create-accounts-and-posts.js';
import * as postsByAccount from './2026-12-07T1240-posts-by-account.js';

/** The static migration list of the social database, in apply order. */
export const socialMigrations: Record<string, Migration> = {
  '2026-12-06T2300-create-accounts-and-posts': createAccountsAndPosts,
  '2026-12-07T1240-posts-by-account': postsByAccount,
};
