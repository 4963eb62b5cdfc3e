import {
  UserFacingError,
  type ConnectedAccount,
  type PublishPlatform,
  throwIfAborted,
} from '@kirinuki/contracts';
import { newSignIn } from '@kirinuki/social';
import { ulid } from '../ids/ulid.js';
import type { HostParts } from '../host/host-parts.js';
import { parseSettingValue, readSettings, writeSetting } from '../library/settings-repository.js';
import { deleteAccount, listAccounts, upsertAccount } from '../social/accounts-repository.js';
import { listenForRedirect } from '../social/loopback-redirect.js';
import { requireAccount } from '../social/open-social.js';
import { pendingSignIns, type PendingSignIn } from '../social/pending-sign-ins.js';
import { clientSecretName } from '../social/platform-access.js';
import { releaseHeldPosts } from './posts-use-cases.js';

/** How long a sign-in waits for the platform's answer before the host lets go of it. */
export const SIGN_IN_TIMEOUT_MS = 5 * 60_000;
/** How long a finished sign-in's account stays to be taken by finishConnect. */
const KEEP_FINISHED_MS = 60_000;
const INSTAGRAM_REDIRECT_SETTING = 'platforms.instagram.redirectUri' as const;

export interface BeginConnectOptions {
  /** The user's developer app; saved (the id in the settings, the secret in the secret store). */
  clientId?: string | undefined;
  clientSecret?: string | undefined;
  /** Instagram only: the https redirect registered with the app in advance (saved in the settings). */
  redirectUri?: string | undefined;
  /** How long the sign-in may wait for the platform (default 5 min); then it is closed. */
  timeoutMs?: number | undefined;
}

/** A sign-in the host has begun: the page to open, and how the platform's answer comes back. */
export interface SignInStarted {
  signInId: string;
  platform: PublishPlatform;
  authorizeUrl: string;
  /**
   * `loopback`: the browser comes back to the host's own listener, nothing more to do.
   * `paste`: the browser lands on the registered https address; the user pastes it (finishConnect).
   */
  receive: 'loopback' | 'paste';
  redirectUri: string;
  expiresAt: string;
}

export interface ConnectOptions extends BeginConnectOptions {
  /** Shown the authorization URL: opens the browser, or prints it (`--no-browser`). */
  onAuthorizeUrl: (url: string) => Promise<void> | void;
  /** Instagram: how to get the address the browser landed on after sign-in, pasted by the user. */
  readRedirectedUrl?: () => Promise<string>;
  signal?: AbortSignal;
}

interface SignIn extends PendingSignIn {
  receive: SignInStarted['receive'];
  redirectUri: string;
  /** loopback: the sign-in running since it began (redirect, token exchange, account saved). */
  outcome: Promise<ConnectedAccount> | null;
  /** Exchanges the address the browser came back to for tokens and saves the account. */
  complete(url: string): Promise<ConnectedAccount>;
}

const notSupported = (platform: PublishPlatform) =>
  new UserFacingError(
    'NOT_SUPPORTED',
    `${platform} accepts only an https redirect registered with your app in advance, which a desktop cannot receive.`,
    {
      hint: `Give the registered address (Settings → Accounts, --redirect-uri, or the setting ${INSTAGRAM_REDIRECT_SETTING}) and paste the address your browser lands on after sign-in; the team sync server will host it for you later (README: Publishing).`,
    },
  );

/** Connecting platform accounts (OAuth in the user's browser, back to a loopback redirect), listing, removing. */
export function createAccountsUseCases(parts: HostParts) {
  const { social, library, secrets } = parts;
  const signIns = pendingSignIns<SignIn>();

  /** The https redirect a platform registered in advance (Instagram): given now, or saved before. */
  async function registeredRedirect(platform: PublishPlatform, given: string | undefined) {
    if (given) {
      let value: string;
      try {
        value = parseSettingValue(INSTAGRAM_REDIRECT_SETTING, given) as string;
      } catch (error) {
        throw new UserFacingError('INVALID_ARGUMENT', (error as Error).message, {
          hint: 'Give the https address listed under your Meta app’s OAuth redirect URIs (README: Publishing).',
        });
      }
      await writeSetting(library.db, INSTAGRAM_REDIRECT_SETTING, value);
      return value;
    }
    const saved = (await readSettings(library.db))[INSTAGRAM_REDIRECT_SETTING];
    if (!saved) throw notSupported(platform);
    return saved;
  }

  /**
   * Begins a sign-in (authorization code + PKCE): saves the developer app, listens for the
   * platform's redirect on loopback where it allows one, and answers the page to open. A new
   * sign-in to a platform replaces the one still waiting (X's fixed port is free again).
   */
  async function beginConnect(platform: PublishPlatform, options: BeginConnectOptions = {}) {
    if (options.clientId) await writeSetting(library.db, `platforms.${platform}.clientId`, options.clientId);
    if (options.clientSecret) secrets.set(clientSecretName(platform), options.clientSecret);
    const credentials = await social.platforms.credentials(platform);
    const client = await social.platforms.client(platform);
    await Promise.all(signIns.idsOf(platform).map(signIns.end));
    const { redirect } = client;
    const pkce = await newSignIn();
    const timeoutMs = options.timeoutMs ?? SIGN_IN_TIMEOUT_MS;
    const stop = new AbortController();
    const listener =
      redirect.kind === 'https-registered'
        ? null
        : await listenForRedirect({
            path: redirect.path,
            ...(redirect.kind === 'loopback-fixed-port' ? { port: redirect.port } : {}),
            signal: stop.signal,
            timeoutMs,
          });
    const redirectUri = listener?.redirectUri ?? (await registeredRedirect(platform, options.redirectUri));
    const complete = async (url: string) => {
      const tokens = await client.exchangeCode(credentials, {
        url,
        state: pkce.state,
        codeVerifier: pkce.codeVerifier,
        redirectUri,
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
      // Connected again: what it held goes out now.
      await releaseHeldPosts(parts, account.id);
      return account;
    };
    // The listener is let go of as soon as the browser came back (or the sign-in failed).
    const outcome = listener ? listener.callback.then(complete).finally(() => listener.close()) : null;
    outcome?.catch(() => undefined);
    const signInId = ulid();
    signIns.add(
      signInId,
      {
        platform,
        receive: listener ? 'loopback' : 'paste',
        redirectUri,
        outcome,
        complete,
        close: async () => {
          stop.abort();
          await listener?.close();
        },
      },
      timeoutMs + (listener ? KEEP_FINISHED_MS : 0),
    );
    return {
      signInId,
      platform,
      authorizeUrl: client.authorizeUrl(credentials, {
        redirectUri,
        state: pkce.state,
        codeChallenge: pkce.codeChallenge,
      }),
      receive: listener ? 'loopback' : 'paste',
      redirectUri,
      expiresAt: new Date(Date.now() + timeoutMs).toISOString(),
    } satisfies SignInStarted;
  }

  /**
   * Waits for a begun sign-in to come back (loopback), or takes the address the browser landed on
   * (paste), and answers the saved account. `signal` stops the sign-in.
   */
  async function finishConnect(
    signInId: string,
    options: { redirectedUrl?: string | undefined; signal?: AbortSignal | undefined } = {},
  ): Promise<ConnectedAccount> {
    const signIn = signIns.get(signInId);
    if (!signIn)
      throw new UserFacingError(
        'SIGN_IN_FAILED',
        'That sign-in is over: it finished, was stopped or waited too long.',
        { hint: 'Connect again and finish the sign-in in the browser within 5 minutes.' },
      );
    if (options.signal?.aborted) {
      await signIns.end(signInId);
      throwIfAborted(options.signal);
    }
    let outcome = signIn.outcome;
    if (!outcome) {
      const text = (options.redirectedUrl ?? '').trim();
      if (!text.startsWith(signIn.redirectUri.split('?')[0]!))
        // Stays waiting: the user may paste again.
        throw new UserFacingError('SIGN_IN_FAILED', 'That is not the address the sign-in sent you to.', {
          hint: `Paste the whole address from the browser's address bar; it starts with ${signIn.redirectUri}.`,
        });
      outcome = signIn.complete(text);
    }
    const onAbort = () => void signIns.end(signInId);
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      return await outcome;
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
      await signIns.end(signInId);
    }
  }

  return {
    list: (filter: { platform?: PublishPlatform } = {}) => listAccounts(social.db, filter),
    get: (id: string) => requireAccount(social, id),
    beginConnect,
    finishConnect,
    /** Stops waiting for a sign-in and closes its listener; false when it was already over. */
    cancelConnect: (signInId: string) => signIns.end(signInId),
    /**
     * Signs in to a platform in one go (the CLI): begins, shows the page, waits for the redirect
     * or reads the pasted address, and saves the account; its tokens go to the secret store only.
     */
    connect: async (platform: PublishPlatform, options: ConnectOptions): Promise<ConnectedAccount> => {
      const { onAuthorizeUrl, readRedirectedUrl, signal, ...app } = options;
      const started = await beginConnect(platform, app);
      try {
        if (started.receive === 'paste' && !readRedirectedUrl) throw notSupported(platform);
        await onAuthorizeUrl(started.authorizeUrl);
        const redirectedUrl = started.receive === 'paste' ? await readRedirectedUrl?.() : undefined;
        return await finishConnect(started.signInId, { redirectedUrl, signal });
      } finally {
        await signIns.end(started.signInId);
      }
    },
    /** Forgets an account and its tokens (its posts keep their record; new ones cannot use it). */
    remove: async (id: string) => {
      const account = await requireAccount(social, id);
      social.vault.remove(account.id);
      await deleteAccount(social.db, account.id);
      return account;
    },
    /** Lets go of every sign-in still waiting (the host is closing). */
    stopSignIns: () => signIns.endAll(),
  };
}

export type AccountsUseCases = ReturnType<typeof createAccountsUseCases>;
