import type { Kysely } from 'kysely';
import { UserFacingError, type EventEnvelope, type Settings } from '@kirinuki/contracts';
import { openDatabase } from '@kirinuki/db';
import type { SecretStore } from '../../common/secret-store.js';
import { SOCIAL_DATABASE, type SocialDatabase } from '../social-db/social-database.js';
import { findAccount, setAccountStatus } from './accounts-repository.js';
import { platformAccess, type PlatformAccess } from './platform-access.js';
import { deliverPostEvents } from './post-outbox.js';
import { createTokenVault, type TokenVault } from './token-vault.js';

/** The host's social domain: `social.db` (accounts, posts, their event outbox), tokens, platforms. */
export interface Social {
  db: Kysely<SocialDatabase>;
  vault: TokenVault;
  platforms: PlatformAccess;
  settings: () => Promise<Settings>;
  /** Delivers recorded post events to the library's event log (after every change). */
  flushEvents(): Promise<void>;
  close(): Promise<void>;
}

export async function openSocial(deps: {
  libraryDir: string;
  secrets: SecretStore;
  settings: () => Promise<Settings>;
  appendEvents: (events: EventEnvelope[]) => Promise<unknown>;
}): Promise<Social> {
  const opened = await openDatabase<SocialDatabase>(SOCIAL_DATABASE, deps.libraryDir);
  const { db } = opened;
  const platforms = platformAccess({ settings: deps.settings, secrets: deps.secrets });
  const vault = createTokenVault({
    secrets: deps.secrets,
    clientFor: async (account) => ({
      client: await platforms.client(account.platform),
      credentials: await platforms.credentials(account.platform),
    }),
    markReconnect: (accountId) => setAccountStatus(db, accountId, { status: 'reconnect' }),
    noteExpiry: (accountId, expiresAt) =>
      setAccountStatus(db, accountId, {
        tokenExpiresAt: expiresAt === null ? null : new Date(expiresAt).toISOString(),
      }),
  });
  let delivering: Promise<void> = Promise.resolve();
  return {
    db,
    vault,
    platforms,
    settings: deps.settings,
    flushEvents: () =>
      (delivering = delivering.then(() => deliverPostEvents(db, deps.appendEvents)).catch(() => undefined)),
    close: async () => {
      await delivering;
      await opened.close();
    },
  };
}

/** An account by id, or the coded error a user can act on. */
export async function requireAccount(social: Social, accountId: string) {
  const account = await findAccount(social.db, accountId);
  if (!account)
    throw new UserFacingError('ACCOUNT_NOT_CONNECTED', `No connected account with id ${accountId}.`, {
      hint: 'Run `kirinuki accounts list` to see the accounts, or connect one.',
    });
  return account;
}
