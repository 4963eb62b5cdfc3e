import { UserFacingError, type ConnectedAccount } from '@kirinuki/contracts';
import {
  PlatformRequestError,
  type OAuthTokens,
  type PlatformClient,
  type PlatformCredentials,
} from '@kirinuki/social';
import type { SecretStore } from '../../common/secret-store.js';

/** Refresh this long before the access token expires, so no upload starts with a dying token. */
export const REFRESH_MARGIN_MS = 5 * 60_000;

const tokensName = (accountId: string) => `platform-tokens:${accountId}`;

/**
 * An account's tokens, kept only in the host's secret store, refreshed before they expire. A
 * refresh is made once at a time per account (a second caller waits for it), and a rotated refresh
 * token is saved before the new access token is handed out. A refused refresh marks the account
 * "reconnect needed" and says so with a coded error; nothing is ever written over good tokens.
 */
export function createTokenVault(deps: {
  secrets: SecretStore;
  clientFor: (
    account: ConnectedAccount,
  ) => Promise<{ client: PlatformClient; credentials: PlatformCredentials }>;
  markReconnect: (accountId: string) => Promise<void>;
  noteExpiry: (accountId: string, expiresAt: number | null) => Promise<void>;
  now?: () => number;
}) {
  const now = deps.now ?? Date.now;
  const refreshing = new Map<string, Promise<OAuthTokens>>();
  const load = (accountId: string): OAuthTokens | null => {
    const text = deps.secrets.get(tokensName(accountId));
    return text ? (JSON.parse(text) as OAuthTokens) : null;
  };
  const save = (accountId: string, tokens: OAuthTokens) => {
    if (!tokens.accessToken) throw new Error('refusing to save tokens without an access token');
    deps.secrets.set(tokensName(accountId), JSON.stringify(tokens));
  };
  const refresh = (account: ConnectedAccount, tokens: OAuthTokens): Promise<OAuthTokens> => {
    let running = refreshing.get(account.id);
    if (!running) {
      running = (async () => {
        const { client, credentials } = await deps.clientFor(account);
        let fresh: OAuthTokens;
        try {
          fresh = await client.refresh(credentials, tokens);
        } catch (error) {
          if (error instanceof UserFacingError && error.code === 'ACCOUNT_RECONNECT_NEEDED')
            await deps.markReconnect(account.id);
          throw error;
        }
        const merged: OAuthTokens = {
          ...fresh,
          refreshToken: fresh.refreshToken || tokens.refreshToken,
          extra: { ...tokens.extra, ...fresh.extra },
        };
        save(account.id, merged);
        await deps.noteExpiry(account.id, merged.expiresAt);
        return merged;
      })().finally(() => refreshing.delete(account.id));
      refreshing.set(account.id, running);
    }
    return running;
  };
  const vault = {
    load,
    save,
    remove: (accountId: string) => deps.secrets.set(tokensName(accountId), null),
    /** A valid access token: refreshed when it expires soon, or when the platform just refused it (`fresh`). */
    accessToken: async (account: ConnectedAccount, options: { fresh?: boolean } = {}): Promise<string> => {
      if (account.status === 'reconnect')
        throw new UserFacingError(
          'ACCOUNT_RECONNECT_NEEDED',
          `The ${account.platform} account ${account.name} needs to be connected again.`,
        );
      const tokens = load(account.id);
      if (!tokens)
        throw new UserFacingError(
          'ACCOUNT_RECONNECT_NEEDED',
          `No saved sign-in for the ${account.platform} account ${account.name}.`,
        );
      const expiring = tokens.expiresAt !== null && tokens.expiresAt - now() < REFRESH_MARGIN_MS;
      if (!options.fresh && !expiring) return tokens.accessToken;
      return (await refresh(account, tokens)).accessToken;
    },
  };
  /**
   * A read with the account's token (limits, the account): when the platform refuses the token
   * (a 401: it ended early, or the clocks disagree), once more with a fresh one. Only a refused
   * refresh means the account must be connected again.
   */
  const withAccessToken = async <T>(account: ConnectedAccount, read: (token: string) => Promise<T>) => {
    try {
      return await read(await vault.accessToken(account));
    } catch (error) {
      if (!refusedToken(error)) throw error;
      return read(await vault.accessToken(account, { fresh: true }));
    }
  };
  return { ...vault, withAccessToken };
}

/** The platform answered 401 to a request (not to a refresh): the token in hand is not accepted. */
function refusedToken(error: unknown): boolean {
  const cause = error instanceof UserFacingError ? error.cause : error;
  return cause instanceof PlatformRequestError && cause.kind === 'auth';
}

export type TokenVault = ReturnType<typeof createTokenVault>;
