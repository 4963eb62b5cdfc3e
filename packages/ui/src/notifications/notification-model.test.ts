import { describe, expect, it } from 'vitest';
import { translate } from '../i18n/use-t.js';
import { makeNotification } from '../test-support/fake-notifications.js';
import {
  actionOf,
  formatRelativeTime,
  mergeNotifications,
  notificationText,
  systemNotificationKinds,
  systemNotificationSetting,
} from './notification-model.js';

const NOW = Date.parse('2026-12-07T12:00:00Z');
const ago = (seconds: number) => new Date(NOW - seconds * 1000).toISOString();

describe('actionOf', () => {
  it.each([
    ['published with a link', makeNotification('a', { url: 'https://tiktok.com/@me/video/1' }), 'open'],
    ['published without a link', makeNotification('a'), null],
    ['failed', makeNotification('a', { kind: 'failed' }), 'retry'],
    ['missed', makeNotification('a', { kind: 'missed' }), 'retry'],
    ['failed, no post', makeNotification('a', { kind: 'failed', postId: null }), null],
    ['reconnect', makeNotification('a', { kind: 'reconnect' }), 'reconnect'],
    ['token-expiring', makeNotification('a', { kind: 'token-expiring', postId: null }), 'reconnect'],
  ] as const)('%s → %s', (_name, notification, action) => expect(actionOf(notification)).toBe(action));
});

describe('notificationText', () => {
  const en = (key: Parameters<typeof translate>[1], values?: Record<string, string | number>) =>
    translate('en', key, values);
  it.each([
    [makeNotification('a'), 'Published to TikTok', ''],
    [
      makeNotification('a', {
        kind: 'failed',
        platform: 'x',
        error: { code: 'PLATFORM_REJECTED', message: 'X refused it.', hint: '' },
      }),
      'Could not post to X',
      'X refused it.',
    ],
    [
      makeNotification('a', { kind: 'reconnect', platform: null }),
      'Connect a platform again',
      'Its posts wait until you do.',
    ],
  ] as const)('%#', (notification, title, body) =>
    expect(notificationText(notification, en, 'en')).toEqual({ title, body }),
  );

  it('names the expiry date of a sign-in', () => {
    const n = makeNotification('a', { kind: 'token-expiring', expiresAt: '2026-12-10T09:00:00Z' });
    expect(notificationText(n, en, 'en').body).toMatch(/^It runs out on Dec 10, 2026/);
  });
});

describe('formatRelativeTime', () => {
  it.each([
    [10, 'en', 'now'],
    [5 * 60, 'en', '5 minutes ago'],
    [3 * 3600, 'en', '3 hours ago'],
    [26 * 3600, 'en', 'yesterday'],
    [5 * 60, 'ja', '5分前'],
    [3 * 3600, 'ja', '3時間前'],
  ] as const)('%s s ago in %s: %s', (seconds, locale, text) =>
    expect(formatRelativeTime(ago(seconds), NOW, locale)).toBe(text),
  );

  it('gives the date past a week', () =>
    expect(formatRelativeTime('2026-11-01T12:00:00Z', NOW, 'en')).toMatch(/^Nov 1, 2026/));
});

describe('notifications.os', () => {
  it.each([
    [undefined, ['published', 'failed', 'missed', 'reconnect', 'token-expiring']],
    ['', []],
    ['failed, missed', ['failed', 'missed']],
    ['missed,published,bogus', ['published', 'missed']],
  ] as const)('%j → %j', (setting, kinds) => expect(systemNotificationKinds(setting)).toEqual(kinds));

  it('writes kinds in the contract’s order', () =>
    expect(systemNotificationSetting(['token-expiring', 'failed'])).toBe('failed,token-expiring'));
});

describe('mergeNotifications', () => {
  it('keeps each id once, the incoming copy, newest first', () => {
    const old = makeNotification('a', { createdAt: ago(60) });
    const read = { ...old, readAt: ago(10) };
    const newer = makeNotification('b', { createdAt: ago(5) });
    expect(mergeNotifications([old], [newer, read])).toEqual([newer, read]);
  });
});
