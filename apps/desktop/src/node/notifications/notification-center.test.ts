import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectedAccount, EventEnvelope } from '@kirinuki/contracts';
import { listEvents } from '../events/events-repository.js';
import { newEventId } from '../events/event-id.js';
import { openLibrary, type Library } from '../library/library.js';
import { createNotificationCenter, TOKEN_WARNING_MS } from './notification-center.js';

// The notification centre over a real library database, opened twice as two processes would:
// each post event worth telling is one notification, never two; the feed follows what either
// process records; a system notification is claimed by one caller only.

const root = mkdtempSync(path.join(tmpdir(), 'kirinuki-notifications-'));
let a: Library;
let b: Library;
beforeAll(async () => {
  a = await openLibrary(path.join(root, 'library'));
  b = await openLibrary(path.join(root, 'library'));
});
afterAll(async () => {
  await a.close();
  await b.close();
  rmSync(root, { recursive: true, force: true });
});

const post = { postId: 'p1', clipId: 'c1', platform: 'tiktok' as const };
const event = (type: string, payload: object): EventEnvelope => ({
  id: newEventId(),
  type,
  aggregateId: 'p1',
  at: new Date().toISOString(),
  payload: { ...post, ...payload },
});

describe('notification centre', () => {
  it('tells each published, failed, missed and held post once, even when its event is delivered again', async () => {
    const center = createNotificationCenter(a.db);
    const events = [
      event('PostQueued', { videoId: 'v', accountId: 'acc', at: null }),
      event('PostPublished', { remoteId: 'r1', url: 'https://www.tiktok.com/@me/video/r1' }),
      event('PostFailed', { error: { code: 'PLATFORM_REJECTED', message: 'no', hint: 'h' } }),
      event('PostFailed', { error: { code: 'POST_MISSED', message: 'late', hint: 'h' } }),
      event('PostHeld', {
        accountId: 'acc',
        error: { code: 'ACCOUNT_RECONNECT_NEEDED', message: 'connect', hint: 'h' },
      }),
    ];
    await center.appendEvents(events);
    await center.appendEvents(events);
    const { notifications, unread } = await center.list();
    expect(notifications.map((n) => n.kind).sort()).toEqual(['failed', 'missed', 'published', 'reconnect']);
    expect(unread).toBe(4);
    expect(notifications.find((n) => n.kind === 'published')).toMatchObject({
      postId: 'p1',
      platform: 'tiktok',
      url: 'https://www.tiktok.com/@me/video/r1',
    });
    expect(notifications.find((n) => n.kind === 'reconnect')).toMatchObject({
      accountId: 'acc',
      error: { code: 'ACCOUNT_RECONNECT_NEEDED' },
    });
    // The events themselves are in the log once each.
    expect((await listEvents(a.db)).filter((e) => events.some((x) => x.id === e.id))).toHaveLength(5);
    const published = notifications.find((n) => n.kind === 'published')!;
    expect(await center.markRead([published.id])).toEqual({ unread: 3 });
    expect(await center.markRead(null)).toEqual({ unread: 0 });
  });

  it('feeds what another process records, and lets only one caller show each system notification', async () => {
    const here = createNotificationCenter(a.db, { pollMs: 50 });
    const there = createNotificationCenter(b.db);
    const stop = new AbortController();
    const seen: string[] = [];
    const reading = (async () => {
      for await (const n of here.feed(stop.signal)) {
        seen.push(n.kind);
        if (seen.length === 2) stop.abort();
      }
    })();
    await new Promise((r) => setTimeout(r, 100));
    const published = event('PostPublished', { remoteId: 'r2', url: null });
    await there.appendEvents([
      published,
      event('PostFailed', { error: { code: 'X', message: 'm', hint: 'h' } }),
    ]);
    await reading;
    expect(seen).toEqual(['published', 'failed']);
    const claims = await Promise.all([here.claimShown(published.id), there.claimShown(published.id)]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await here.claimShown(published.id)).toBe(false);
  });

  it('warns of a sign-in about to run out that cannot renew itself, once per account and expiry', async () => {
    const center = createNotificationCenter(a.db);
    const now = Date.parse('2026-12-07T12:00:00Z');
    const account = (id: string, inMs: number | null, status: ConnectedAccount['status'] = 'connected') =>
      ({
        id,
        platform: 'instagram',
        remoteId: id,
        name: id,
        avatarUrl: null,
        status,
        tokenExpiresAt: inMs === null ? null : new Date(now + inMs).toISOString(),
        connectedAt: new Date(now).toISOString(),
      }) as ConnectedAccount;
    const accounts = [
      account('soon', TOKEN_WARNING_MS - 60_000),
      account('renews', 60_000),
      account('later', TOKEN_WARNING_MS + 60_000),
      account('never', null),
      account('already-held', 60_000, 'reconnect'),
    ];
    const canRenew = (id: string) => id === 'renews';
    expect(await center.checkTokens(accounts, canRenew, now)).toHaveLength(1);
    expect(await center.checkTokens(accounts, canRenew, now + 30_000)).toHaveLength(0);
    // An hour on, the next account comes within the warning time: it is told of, the first is not again.
    expect(await center.checkTokens(accounts, canRenew, now + 3_600_000)).toEqual([
      `token-expiring:later:${accounts[2]!.tokenExpiresAt}`,
    ]);
    const told = (await center.list()).notifications.filter((n) => n.kind === 'token-expiring');
    expect(told.map((n) => n.accountId)).toEqual(['later', 'soon']);
    expect(told[1]).toEqual(
      expect.objectContaining({
        accountId: 'soon',
        platform: 'instagram',
        expiresAt: accounts[0]!.tokenExpiresAt,
      }),
    );
  });
});
