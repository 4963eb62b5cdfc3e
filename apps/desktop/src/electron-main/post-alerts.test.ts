import { describe, expect, it } from 'vitest';
import type { AppNotification, Post } from '@kirinuki/contracts';
import { alertText, nextPostsMenu, pendingPosts, showPostAlerts } from './post-alerts.js';

const note = (
  id: string,
  kind: AppNotification['kind'],
  extra: Partial<AppNotification> = {},
): AppNotification => ({
  id,
  kind,
  createdAt: '2026-12-07T12:00:00Z',
  readAt: null,
  platform: 'tiktok',
  postId: 'p',
  clipId: 'c',
  accountId: 'a',
  url: null,
  error: null,
  expiresAt: null,
  ...extra,
});

describe('system notifications from the notification feed', () => {
  it('shows the kinds the user chose, each only when this caller wins its claim', async () => {
    const feed = [
      note('1', 'published', { url: 'https://www.tiktok.com/@me/video/1' }),
      note('2', 'failed', { error: { code: 'PLATFORM_REJECTED', message: 'tiktok: too long', hint: 'h' } }),
      note('3', 'missed'),
      note('4', 'published'),
    ];
    const claimed = new Set(['4']); // another window showed this one already
    const host = {
      notifications: {
        feed: async function* () {
          yield* feed;
        },
        claimShown: async (id: string) => !claimed.has(id) && Boolean(claimed.add(id)),
      },
      settings: { get: async () => ({ settings: { 'notifications.os': 'published,failed' } }) },
    };
    const shown: string[] = [];
    await showPostAlerts(
      host as never,
      ({ title, body }) => shown.push(`${title}: ${body}`),
      new AbortController().signal,
    );
    expect(shown).toEqual([
      'Published to TikTok: https://www.tiktok.com/@me/video/1',
      'A TikTok post failed: tiktok: too long',
    ]);
  });

  it('words every kind', () => {
    for (const kind of ['published', 'failed', 'missed', 'reconnect', 'token-expiring'] as const)
      expect(alertText(note('x', kind, { expiresAt: '2026-12-10T00:00:00Z' })).title).toMatch(/TikTok/);
  });

  it('lists the next scheduled posts for the tray, and counts what quitting would hold back', () => {
    const now = Date.parse('2026-12-07T12:00:00Z');
    const post = (status: Post['status'], inMin: number | null, platform: Post['platform'] = 'x') =>
      ({
        status,
        platform,
        at: inMin === null ? null : new Date(now + inMin * 60_000).toISOString(),
      }) as Post;
    const posts = [
      post('scheduled', 120, 'youtube'),
      post('scheduled', 30),
      post('scheduled', -5),
      post('published', 10),
      post('queued', null),
    ];
    const lines = nextPostsMenu(posts, now, 1);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/ · X$/);
    expect(lines[1]).toBe('and 1 more');
    expect(nextPostsMenu([], now)).toEqual(['No posts scheduled']);
    expect(pendingPosts(posts)).toBe(4);
  });
});
