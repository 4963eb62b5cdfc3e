import { UserFacingError, type ConnectedAccount, type PublishPlatform } from '@kirinuki/contracts';
import { newSignIn } from '@kirinuki/social';
import type { HostParts } from '../host/host-parts.js';
import { parseSettingValue, readSettings, writeSetting } from '../library/settings-repository.js';
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
  /**
   * Instagram only (an https redirect registered in advance): the registered address (saved in the
   * settings), and how to get the address the browser landed on after sign-in, pasted by the user.
   */
  redirectUri?: string | undefined;
  readRedirectedUrl?: () => Promise<string>;
  signal?: AbortSignal;
  timeoutMs?: number;
}

/** Connecting platform accounts (OAuth in the user's browser, back to a loopback redirect), listing, removing. */
export function createAccountsUseCases(parts: HostParts) {
  const { social, library, secrets } = parts;

  /**
   * The redirect of a platform that takes only a registered https address (Instagram): the browser
   * lands there after sign-in, and the user pastes the address it shows (code and state) back.
   */
  async function pastedRedirect(platform: PublishPlatform, options: ConnectOptions) {
    const settingKey = 'platforms.instagram.redirectUri' as const;
    if (options.redirectUri) {
      let value: string;
      try {
        value = parseSettingValue(settingKey, options.redirectUri) as string;
      } catch (error) {
        throw new UserFacingError('INVALID_ARGUMENT', (error as Error).message, {
          hint: 'Give the https address listed under your Meta app’s OAuth redirect URIs (README: Publishing).',
        });
      }
      await writeSetting(library.db, settingKey, value);
    }
    const redirectUri = options.redirectUri ?? (await readSettings(library.db))[settingKey];
    if (!redirectUri || !options.readRedirectedUrl)
      throw new UserFacingError(
        'NOT_SUPPORTED',
        `${platform} accepts only an https redirect registered with your app in advance, which a desktop cannot receive.`,
        {
          hint: `Give the registered address (--redirect-uri, or the setting ${settingKey}) and paste the address your browser lands on after sign-in; the team sync server will host it for you later (README: Publishing).`,
        },
      );
    const readPasted = options.readRedirectedUrl;
    return {
      redirectUri,
      wait: async () => {
        const text = (await readPasted()).trim();
        if (!text.startsWith(redirectUri.split('?')[0]!))
          throw new UserFacingError('SIGN_IN_FAILED', 'That is not the address the sign-in sent you to.', {
            hint: `Paste the whole address from the browser's address bar; it starts with ${redirectUri}.`,
          });
        return text;
      },
      close: async () => undefined,
    };
  }
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
      const signIn = await newSignIn();
      const receive =
        redirect.kind === 'https-registered'
          ? await pastedRedirect(platform, options)
          : await listenForRedirect({
              path: redirect.path,
              ...(redirect.kind === 'loopback-fixed-port' ? { port: redirect.port } : {}),
              ...(options.signal ? { signal: options.signal } : {}),
              ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
            }).then((listener) => ({ ...listener, wait: () => listener.callback }));
      try {
        await options.onAuthorizeUrl(
          client.authorizeUrl(credentials, {
            redirectUri: receive.redirectUri,
            state: signIn.state,
            codeChallenge: signIn.codeChallenge,
          }),
        );
        const url = await receive.wait();
        const tokens = await client.exchangeCode(credentials, {
          url,
          state: signIn.state,
          codeVerifier: signIn.codeVerifier,
          redirectUri: receive.redirectUri,
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
        await receive.close();
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
