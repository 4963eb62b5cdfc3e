import { vi } from 'vitest';
import type { AppNotification } from '@kirinuki/contracts';

export function makeNotification(id: string, over: Partial<AppNotification> = {}): AppNotification {
  return {
    id,
    kind: 'published',
    createdAt: '2026-11-28T10:00:00.000Z',
    readAt: null,
    platform: 'tiktok',
    postId: `post-${id}`,
    clipId: 'c1',
    accountId: 'a-tiktok',
    url: null,
    error: null,
    expiresAt: null,
    ...over,
  };
}

/** Notifications in memory, like the host's: a feed the test pushes to, and claimShown true once per id. */
export function fakeNotifications(
  options: { notifications?: AppNotification[]; hostShowsSystemNotifications?: boolean } = {},
) {
  const items = (options.notifications ?? []).map((n) => ({ ...n }));
  const listeners = new Set<(n: AppNotification) => void>();
  const claimed = new Set<string>();
  const unread = () => items.filter((n) => n.readAt === null).length;
  const gateway = {
    hostShowsSystemNotifications: options.hostShowsSystemNotifications ?? false,
    list: vi.fn(async (limit?: number) => ({
      notifications: [...items]
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .slice(0, limit ?? 50)
        .map((n) => ({ ...n })),
      unread: unread(),
    })),
    markRead: vi.fn(async (ids?: string[]) => {
      const now = new Date().toISOString();
      for (const n of items) if (n.readAt === null && (!ids || ids.includes(n.id))) n.readAt = now;
      return { unread: unread() };
    }),
    claimShown: vi.fn(async (id: string) => {
      if (claimed.has(id)) return false;
      claimed.add(id);
      return true;
    }),
    subscribe: (onEvent: (n: AppNotification) => void, _onError: (error: unknown) => void) => {
      listeners.add(onEvent);
      return () => void listeners.delete(onEvent);
    },
  };
  const emit = (notification: AppNotification) => {
    items.push(notification);
    listeners.forEach((listener) => listener(notification));
  };
  return { gateway, emit, items, claimed };
}
