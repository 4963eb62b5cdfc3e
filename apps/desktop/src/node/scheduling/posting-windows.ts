import type { PublishPlatform } from '@kirinuki/contracts';

/**
 * How many posts each platform takes from one account within a window, from its docs: X 100 posts
 * per 15 minutes per user; Instagram `content_publishing_limit`, 100 API posts per 24 h (the live
 * figure is used when the platform gave one); TikTok's Direct Post cap, about 15 posts per creator
 * per 24 h, shared by every app; YouTube's default 10,000 quota units a day per developer project,
 * 1,600 per upload: 6 uploads.
 */
export interface PostingWindow {
  posts: number;
  windowSec: number;
  /** The limit in words, for the warning. */
  what: string;
}

export const POSTING_WINDOWS: Record<PublishPlatform, PostingWindow> = {
  x: { posts: 100, windowSec: 15 * 60, what: 'X takes 100 posts per 15 minutes from one account' },
  instagram: {
    posts: 100,
    windowSec: 86_400,
    what: 'Instagram takes 100 API posts per 24 hours from one account',
  },
  tiktok: {
    posts: 15,
    windowSec: 86_400,
    what: 'TikTok takes about 15 posts per 24 hours from one creator through its API',
  },
  youtube: {
    posts: 6,
    windowSec: 86_400,
    what: 'YouTube’s default daily quota (10,000 units, 1,600 an upload) is 6 uploads',
  },
};

/**
 * A warning when a post at `at` would be more than the platform takes within its window, counting
 * the account's other pending posts (`others`, epoch ms); null when it fits. The window is the
 * busiest one that contains `at`.
 */
export function postingWindowWarning(
  platform: PublishPlatform,
  at: number,
  others: readonly number[],
  live?: { total: number; windowSec: number } | null,
): string | null {
  const window = live
    ? { ...POSTING_WINDOWS[platform], posts: live.total, windowSec: live.windowSec }
    : POSTING_WINDOWS[platform];
  const span = window.windowSec * 1000;
  const near = [...others, at].filter((t) => Math.abs(t - at) < span).sort((a, b) => a - b);
  // Slide a window of `span` over the times around `at` that contain it: the most it ever holds.
  let most = 0;
  for (let i = 0, j = 0; i < near.length; i++) {
    while (near[i]! - near[j]! >= span) j++;
    if (near[j]! <= at && at <= near[i]!) most = Math.max(most, i - j + 1);
  }
  if (most <= window.posts) return null;
  return `${window.what}; with this one the account has ${most} posts due within ${formatWindow(window.windowSec)}. Spread them out: past the limit a post waits for the window to move on, or fails with PLATFORM_QUOTA_EXCEEDED.`;
}

/**
 * When a post may go out so that the account's posts within the platform's window stay at its
 * limit: now (null) when there is room, else the moment the oldest post that must fall out does.
 * `times` are the account's recent posts (epoch ms).
 */
export function nextRoomAt(platform: PublishPlatform, now: number, times: readonly number[]): number | null {
  const window = POSTING_WINDOWS[platform];
  const span = window.windowSec * 1000;
  const inWindow = times.filter((t) => t > now - span && t <= now).sort((a, b) => a - b);
  if (inWindow.length < window.posts) return null;
  return inWindow[inWindow.length - window.posts]! + span;
}

export const formatWindow = (sec: number) =>
  sec % 3600 === 0 ? `${sec / 3600} h` : `${Math.round(sec / 60)} min`;
