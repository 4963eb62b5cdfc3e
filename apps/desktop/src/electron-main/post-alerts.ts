import {
  PUBLISH_PLATFORM_LABELS as PLATFORM_NAMES,
  type AppNotification,
  type Post,
} from '@kirinuki/contracts';
import type { Host } from '../node/host/open-host.js';

/** The words of a system notification for one notification of the centre. */
export function alertText(n: AppNotification): { title: string; body: string } {
  const platform = n.platform ? PLATFORM_NAMES[n.platform] : 'the platform';
  switch (n.kind) {
    case 'published':
      return { title: `Published to ${platform}`, body: n.url ?? 'The post is live.' };
    case 'failed':
      return { title: `A ${platform} post failed`, body: n.error?.message ?? 'Open Kirinuki to retry it.' };
    case 'missed':
      return {
        title: `A ${platform} post was missed`,
        body: 'It could not go out on time. Open Kirinuki to publish it now.',
      };
    case 'reconnect':
      return {
        title: `Connect ${platform} again`,
        body: 'Its posts wait until the account is connected again (Settings → Accounts).',
      };
    case 'token-expiring':
      return {
        title: `${platform} sign-in runs out soon`,
        body: `Connect it again before ${n.expiresAt ? new Date(n.expiresAt).toLocaleString() : 'it runs out'}.`,
      };
  }
}

/**
 * Shows a system notification for each new notification of a kind the user chose
 * (`notifications.os`), once: only the caller whose claim wins shows it, so the app, a browser UI
 * on `serve` and a second process never show the same one twice. Runs until `signal` aborts.
 */
export async function showPostAlerts(
  host: Pick<Host, 'notifications' | 'settings'>,
  show: (alert: { title: string; body: string; notification: AppNotification }) => void,
  signal: AbortSignal,
): Promise<void> {
  for await (const n of host.notifications.feed(signal)) {
    const kinds = (await host.settings.get()).settings['notifications.os'].split(',').map((k) => k.trim());
    if (!kinds.includes(n.kind)) continue;
    if (await host.notifications.claimShown(n.id)) show({ ...alertText(n), notification: n });
  }
}

/** The tray's lines for the next scheduled posts (soonest first), in the user's locale and zone. */
export function nextPostsMenu(posts: readonly Post[], now: number, count = 5): string[] {
  const next = posts
    .filter((p) => p.status === 'scheduled' && p.at && Date.parse(p.at) > now)
    .sort((a, b) => Date.parse(a.at!) - Date.parse(b.at!));
  if (!next.length) return ['No posts scheduled'];
  const lines = next
    .slice(0, count)
    .map(
      (p) =>
        `${new Date(p.at!).toLocaleString(undefined, { weekday: 'short', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' })} · ${PLATFORM_NAMES[p.platform]}`,
    );
  return next.length > count ? [...lines, `and ${next.length - count} more`] : lines;
}

/** What quitting would hold back: posts still to go out from this machine (scheduled or on their way). */
export function pendingPosts(posts: readonly Post[]): number {
  return posts.filter((p) => ['scheduled', 'queued', 'uploading', 'processing'].includes(p.status)).length;
}
