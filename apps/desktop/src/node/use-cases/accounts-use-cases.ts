import { UserFacingError, type ConnectedAccount, type PublishPlatform } from '@kirinuki/contracts';
import { newSignIn } from '@kirinuki/social';
import type { HostParts } from '../host/host-parts.js';
import { writeSetting } from '../library/settings-repository.js';
import { deleteAccount, listAccounts, upsertAccount } from '../social/accounts-repository.js';
import { listenForRedirect } from '../social/loopback-redirect.js';
import { requireAccount } from '../social/open-social.js';
import { clientSecretName } from '../social/platform-access.js';

export interface ConnectOptions {
  /** The user's developer app; saved (the id in the settings, the secret in the secret store). */
  clientId?: string | undefined;
  clientSecret?: string | undefined;
  /** Shown the authorization URL: opens the browser, or prints it (`--no-browser`). */
  onAuthorizeUrl: (url: string) => Promise<void> | void;
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** Connecting platform accounts (OAuth in the user's browser, back to a loopback redirect), listing, removing. */
export function createAccountsUseCases(parts: HostParts) {
  const { social, library, secrets } = parts;
  return {
    list: (filter: { platform?: PublishPlatform } = {}) => listAccounts(social.db, filter),
    get: (id: string) => requireAccount(social, id),
    /**
     * Signs in to a platform (authorization code + PKCE, a loopback redirect where the platform
     * allows it) and saves the account; its tokens go to the secret store only.
     */
    connect: async (platform: PublishPlatform, options: ConnectOptions): Promise<ConnectedAccount> => {
      if (options.clientId)
        await writeSetting(library.db, `platforms.${platform}.clientId`, options.clientId);
      if (options.clientSecret) secrets.set(clientSecretName(platform), options.clientSecret);
      const credentials = await social.platforms.credentials(platform);
      const client = await social.platforms.client(platform);
      const { redirect } = client;
      if (redirect.kind === 'https-registered')
        throw new UserFacingError(
          'NOT_SUPPORTED',
          `${platform} accepts only an https redirect registered in advance, which a desktop cannot receive.`,
          {
            hint: 'Connect it through a team sync server (it hosts the https callback), as the README explains.',
          },
        );
      const listener = await listenForRedirect({
        path: redirect.path,
        ...(redirect.kind === 'loopback-fixed-port' ? { port: redirect.port } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      });
      try {
        const signIn = await newSignIn();
        await options.onAuthorizeUrl(
          client.authorizeUrl(credentials, {
            redirectUri: listener.redirectUri,
            state: signIn.state,
            codeChallenge: signIn.codeChallenge,
          }),
        );
        const url = await listener.callback;
        const tokens = await client.exchangeCode(credentials, {
          url,
          state: signIn.state,
          codeVerifier: signIn.codeVerifier,
          redirectUri: listener.redirectUri,
        });
        const profile = await client.account(tokens.accessToken, tokens.extra ?? {});
        const account = await upsertAccount(social.db, {
          platform,
          remoteId: profile.remoteId,
          name: profile.name,
          avatarUrl: profile.avatarUrl,
          tokenExpiresAt: tokens.expiresAt === null ? null : new Date(tokens.expiresAt).toISOString(),
        });
        social.vault.save(account.id, tokens);
        return account;
      } finally {
        await listener.close();
      }
    },
    /** Forgets an account and its tokens (its posts keep their record; new ones cannot use it). */
    remove: async (id: string) => {
      const account = await requireAccount(social, id);
      social.vault.remove(account.id);
      await deleteAccount(social.db, account.id);
      return account;
    },
  };
}

export type AccountsUseCases = ReturnType<typeof createAccountsUseCases>;
