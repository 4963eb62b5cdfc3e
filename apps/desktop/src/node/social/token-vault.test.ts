import { describe, expect, it } from 'vitest';
import { UserFacingError, type ConnectedAccount } from '@kirinuki/contracts';
import { PlatformRequestError, type OAuthTokens, type PlatformClient } from '@kirinuki/social';
import type { SecretStore } from '../../common/secret-store.js';
import { createTokenVault, REFRESH_MARGIN_MS } from './token-vault.js';

const NOW = Date.parse('2026-12-06T12:00:00Z');
const account: ConnectedAccount = {
  id: 'acc-1',
  platform: 'x',
  remoteId: '42',
  name: 'Tester',
  avatarUrl: null,
  status: 'connected',
  tokenExpiresAt: null,
  connectedAt: new Date(NOW).toISOString(),
};

function memorySecrets(): SecretStore & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    get: (name) => values.get(name) ?? null,
    set: (name, value) => (value === null ? values.delete(name) : values.set(name, value)),
    has: (name) => values.has(name),
  };
}

/** A vault over an in-memory store, with a platform whose refresh the test scripts. */
function vaultWith(refresh: (tokens: OAuthTokens) => Promise<OAuthTokens>) {
  const secrets = memorySecrets();
  const calls = { refresh: 0, reconnect: [] as string[], expiry: [] as Array<number | null> };
  const client = {
    refresh: async (_credentials: unknown, tokens: OAuthTokens) => {
      calls.refresh += 1;
      return refresh(tokens);
    },
  } as unknown as PlatformClient;
  const vault = createTokenVault({
    secrets,
    clientFor: async () => ({ client, credentials: { clientId: 'app' } }),
    markReconnect: async (id) => void calls.reconnect.push(id),
    noteExpiry: async (_id, at) => void calls.expiry.push(at),
    now: () => NOW,
  });
  return { vault, secrets, calls };
}

const tokens = (accessToken: string, expiresInMs: number, refreshToken = 'rt-1'): OAuthTokens => ({
  accessToken,
  refreshToken,
  expiresAt: NOW + expiresInMs,
  extra: { user_id: '42' },
});

describe('token vault', () => {
  it('hands out the saved token while it has more than the margin left, and refreshes inside it', async () => {
    const { vault, calls } = vaultWith(async () => tokens('at-2', 3_600_000, 'rt-2'));
    vault.save(account.id, tokens('at-1', REFRESH_MARGIN_MS + 60_000));
    expect(await vault.accessToken(account)).toBe('at-1');
    expect(calls.refresh).toBe(0);
    vault.save(account.id, tokens('at-1', REFRESH_MARGIN_MS - 60_000));
    expect(await vault.accessToken(account)).toBe('at-2');
    // The rotated refresh token is saved (before anyone uses it), the extras kept.
    expect(vault.load(account.id)).toMatchObject({ refreshToken: 'rt-2', extra: { user_id: '42' } });
    expect(calls.expiry).toEqual([NOW + 3_600_000]);
  });

  it('makes one refresh for callers that need one at the same time (a rotated token is used once)', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const { vault, calls } = vaultWith(async () => {
      await gate;
      return tokens('at-2', 3_600_000, 'rt-2');
    });
    vault.save(account.id, tokens('at-1', 0));
    const waiting = Promise.all([1, 2, 3, 4].map(() => vault.accessToken(account)));
    release();
    expect(await waiting).toEqual(['at-2', 'at-2', 'at-2', 'at-2']);
    expect(calls.refresh).toBe(1);
  });

  it('keeps a good refresh token when the answer names none, and never saves an empty access token', async () => {
    const { vault } = vaultWith(async () => ({ accessToken: 'at-2', refreshToken: null, expiresAt: null }));
    vault.save(account.id, tokens('at-1', 0));
    await vault.accessToken(account, { fresh: true });
    expect(vault.load(account.id)?.refreshToken).toBe('rt-1');
    const empty = vaultWith(async () => ({ accessToken: '', refreshToken: 'rt-3', expiresAt: null }));
    empty.vault.save(account.id, tokens('at-1', 0));
    await expect(empty.vault.accessToken(account)).rejects.toThrow(/without an access token/);
    expect(empty.vault.load(account.id)).toMatchObject({ accessToken: 'at-1', refreshToken: 'rt-1' });
  });

  it('marks the account for reconnecting when the platform refuses the refresh, keeping what it had', async () => {
    const { vault, calls } = vaultWith(async () => {
      throw new UserFacingError('ACCOUNT_RECONNECT_NEEDED', 'refresh token revoked');
    });
    vault.save(account.id, tokens('at-1', 0));
    await expect(vault.accessToken(account)).rejects.toMatchObject({ code: 'ACCOUNT_RECONNECT_NEEDED' });
    expect(calls.reconnect).toEqual([account.id]);
    expect(vault.load(account.id)?.accessToken).toBe('at-1');
    // An outage is not a reason to reconnect.
    const down = vaultWith(async () => {
      throw new UserFacingError('PLATFORM_UNAVAILABLE', 'token endpoint 503');
    });
    down.vault.save(account.id, tokens('at-1', 0));
    await expect(down.vault.accessToken(account)).rejects.toMatchObject({ code: 'PLATFORM_UNAVAILABLE' });
    expect(down.calls.reconnect).toEqual([]);
  });

  it('reads again once with a fresh token when the platform refuses the one in hand (401), and only then', async () => {
    const { vault, calls } = vaultWith(async () => tokens('at-2', 3_600_000, 'rt-2'));
    vault.save(account.id, tokens('at-1', 3_600_000));
    const seen: string[] = [];
    const refused = new PlatformRequestError('token ended early', 'auth', 401);
    const value = await vault.withAccessToken(account, async (token) => {
      seen.push(token);
      if (token === 'at-1') throw refused.toUserFacing('X');
      return 'limits';
    });
    expect(value).toBe('limits');
    expect(seen).toEqual(['at-1', 'at-2']);
    expect(calls.refresh).toBe(1);
    // Any other failure goes to the caller as it is, with no refresh.
    const outage = new PlatformRequestError('503', 'transient', 503).toUserFacing('X');
    await expect(
      vault.withAccessToken(account, async () => {
        throw outage;
      }),
    ).rejects.toBe(outage);
    expect(calls.refresh).toBe(1);
  });
});
