import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AppNotification } from '@kirinuki/contracts';
import { App } from '../app/App.js';
import { useUiStore } from '../app/ui-store.js';
import { fakeHost } from '../test-support/fake-host.js';
import { fakeNotifications, makeNotification } from '../test-support/fake-notifications.js';
import { fakePublishing, makePost } from '../test-support/fake-publishing.js';
import { renderWithHost } from '../test-support/render-app.js';

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

const EVERY_KIND: AppNotification[] = [
  makeNotification('n1', { url: 'https://www.tiktok.com/@me/video/1', createdAt: minutesAgo(5) }),
  makeNotification('n2', {
    kind: 'failed',
    platform: 'x',
    postId: 'p-x',
    error: { code: 'PLATFORM_REJECTED', message: 'X refused the duplicate text.', hint: 'Change the text.' },
    createdAt: minutesAgo(10),
  }),
  makeNotification('n3', { kind: 'missed', platform: 'youtube', postId: 'p-yt', createdAt: minutesAgo(60) }),
  makeNotification('n4', {
    kind: 'reconnect',
    platform: 'instagram',
    postId: null,
    createdAt: minutesAgo(120),
  }),
  makeNotification('n5', {
    kind: 'token-expiring',
    platform: 'tiktok',
    postId: null,
    expiresAt: '2026-12-10T09:00:00.000Z',
    createdAt: minutesAgo(180),
    readAt: minutesAgo(170),
  }),
];

function setup(notifications = EVERY_KIND, options: { hostShowsSystemNotifications?: boolean } = {}) {
  const publishing = fakePublishing();
  publishing.posts.push(
    makePost('p-x', 'x', { status: 'failed' }),
    makePost('p-yt', 'youtube', { status: 'missed' }),
  );
  const fake = fakeNotifications({ notifications, ...options });
  const { host } = fakeHost({ publishing, notifications: fake });
  renderWithHost(host, <App />);
  return { host, fake, publishing };
}

const bell = () => screen.getByTestId('notification-bell');
const item = (kind: string) => screen.getAllByTestId('notification').find((el) => el.dataset.kind === kind)!;

/** A stand-in for the browser's Notification, recording what was shown. */
function stubNotification(permission: NotificationPermission) {
  const shown: Array<{ title: string; body: string | undefined }> = [];
  const Stub = vi.fn(function (
    this: { onclick: unknown; close(): void },
    title: string,
    options?: NotificationOptions,
  ) {
    shown.push({ title, body: options?.body });
    this.close = () => undefined;
  }) as unknown as typeof Notification;
  Object.assign(Stub, { permission, requestPermission: vi.fn(async () => 'granted') });
  vi.stubGlobal('Notification', Stub);
  return { shown, Stub };
}

afterEach(() => vi.unstubAllGlobals());

describe('notification centre', () => {
  it('shows the unread count on the bell and each kind with its action', async () => {
    setup();
    await waitFor(() => expect(screen.getByTestId('notification-count').textContent).toBe('4'));
    expect(bell().getAttribute('aria-label')).toBe('Notifications, 4 unread');
    fireEvent.click(bell());
    const panel = screen.getByRole('dialog', { name: 'Notifications' });
    expect(document.activeElement).toBe(panel);

    const published = within(item('published'));
    expect(published.getByText('Published to TikTok')).toBeTruthy();
    expect(published.getByText('5 minutes ago')).toBeTruthy();
    const link = published.getByRole('link', { name: 'Open the post' });
    expect(link.getAttribute('href')).toBe('https://www.tiktok.com/@me/video/1');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.getAttribute('rel')).toContain('noopener');

    const failed = within(item('failed'));
    expect(failed.getByText('Could not post to X')).toBeTruthy();
    expect(failed.getByText('X refused the duplicate text.')).toBeTruthy();
    expect(failed.getByRole('button', { name: 'Retry' })).toBeTruthy();
    expect(within(item('missed')).getByRole('button', { name: 'Retry' })).toBeTruthy();
    expect(within(item('reconnect')).getByRole('button', { name: 'Connect again' })).toBeTruthy();
    const expiring = within(item('token-expiring'));
    expect(expiring.getByText(/runs out on Dec 10, 2026/)).toBeTruthy();
    expect(expiring.getByRole('button', { name: 'Connect again' })).toBeTruthy();
  });

  it('marks what it shows read on opening, highlighted until it closes', async () => {
    const { fake } = setup();
    await screen.findByTestId('notification-count');
    fireEvent.click(bell());
    await waitFor(() => expect(fake.gateway.markRead).toHaveBeenCalledWith(['n1', 'n2', 'n3', 'n4']));
    await waitFor(() => expect(screen.queryByTestId('notification-count')).toBeNull());
    expect(item('failed').dataset.fresh).toBe('true');
    expect(item('token-expiring').dataset.fresh).toBe('false');
    fireEvent.keyDown(screen.getByTestId('notification-panel'), { key: 'Escape' });
    expect(screen.queryByTestId('notification-panel')).toBeNull();
    expect(document.activeElement).toBe(bell());
  });

  it('retries a failed post', async () => {
    const { publishing } = setup();
    fireEvent.click(bell());
    fireEvent.click(within(await waitFor(() => item('failed'))).getByTestId('notification-retry'));
    expect(publishing.gateways.posts.retry).toHaveBeenCalledWith('p-x');
    expect(await within(item('failed')).findByText('Queued again.')).toBeTruthy();
  });

  it('shows why a retry was refused', async () => {
    const { host } = setup();
    host.posts.retry.mockRejectedValueOnce(
      Object.assign(new Error('no'), {
        data: { kirinuki: { code: 'POST_PUBLISHED', message: 'It went out already.' } },
      }),
    );
    fireEvent.click(bell());
    fireEvent.click(within(await waitFor(() => item('missed'))).getByTestId('notification-retry'));
    expect(await within(item('missed')).findByText('It went out already.')).toBeTruthy();
    expect(within(item('missed')).getByTestId('notification-retry')).toBeTruthy();
  });

  it('marks all read, including what arrived while it was open', async () => {
    const { fake } = setup();
    fireEvent.click(bell());
    await waitFor(() => expect(fake.gateway.markRead).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(screen.queryByTestId('notification-count')).toBeNull());
    act(() => fake.emit(makeNotification('n6', { kind: 'failed', createdAt: new Date().toISOString() })));
    expect(screen.getByTestId('notification-count').textContent).toBe('1');
    expect(screen.getAllByTestId('notification')[0]!.dataset.unread).toBe('true');
    fireEvent.click(screen.getByTestId('notifications-mark-all'));
    await waitFor(() => expect(screen.queryByTestId('notification-count')).toBeNull());
    expect(fake.gateway.markRead).toHaveBeenLastCalledWith(undefined);
    expect(screen.getAllByTestId('notification').every((el) => el.dataset.unread === 'false')).toBe(true);
  });

  it('puts a live item first, bumps the count and announces it', async () => {
    const { fake } = setup([]);
    await waitFor(() => expect(fake.gateway.list).toHaveBeenCalled());
    expect(screen.queryByTestId('notification-count')).toBeNull();
    act(() =>
      fake.emit(makeNotification('live', { platform: 'youtube', createdAt: new Date().toISOString() })),
    );
    expect(screen.getByTestId('notification-count').textContent).toBe('1');
    expect(screen.getByTestId('notification-live').textContent).toContain('Published to YouTube');
    fireEvent.click(bell());
    expect(screen.getAllByTestId('notification')[0]!.textContent).toContain('Published to YouTube');
  });

  it('“Connect again” opens Settings at the accounts', async () => {
    setup();
    fireEvent.click(bell());
    fireEvent.click(within(await waitFor(() => item('reconnect'))).getByTestId('notification-reconnect'));
    expect(useUiStore.getState().screen).toBe('settings');
    expect(screen.queryByTestId('notification-panel')).toBeNull();
    await waitFor(() => expect(document.activeElement?.id).toBe('accounts-heading'));
  });

  it('speaks Japanese', async () => {
    setup();
    act(() => useUiStore.setState({ locale: 'ja' }));
    fireEvent.click(bell());
    const failed = within(await waitFor(() => item('failed')));
    expect(failed.getByText('X への投稿に失敗しました')).toBeTruthy();
    expect(failed.getByText('10分前')).toBeTruthy();
    expect(failed.getByRole('button', { name: '再試行' })).toBeTruthy();
  });
});

describe('system notifications from the page', () => {
  const emitFailed = async (fake: ReturnType<typeof setup>['fake'], id = 'n9') => {
    await waitFor(() => expect(fake.gateway.list).toHaveBeenCalled());
    await act(async () =>
      fake.emit(makeNotification(id, { kind: 'failed', error: { code: 'X', message: 'Boom.', hint: '' } })),
    );
  };

  it('claims, then shows a new one once when allowed and its kind is chosen', async () => {
    const { shown } = stubNotification('granted');
    const { fake } = setup([]);
    await emitFailed(fake);
    await waitFor(() => expect(shown).toEqual([{ title: 'Could not post to TikTok', body: 'Boom.' }]));
    expect(fake.gateway.claimShown).toHaveBeenCalledWith('n9');
    // Another window (or the app) claimed this one first: nothing shows twice.
    fake.claimed.add('n10');
    await emitFailed(fake, 'n10');
    await waitFor(() => expect(fake.gateway.claimShown).toHaveBeenCalledWith('n10'));
    expect(shown).toHaveLength(1);
  });

  it('shows nothing for a kind left out of notifications.os', async () => {
    const { shown } = stubNotification('granted');
    const { fake, host } = setup([]);
    host.settings.get.mockImplementation(async () => ({
      settings: { ...(await fakeHost().host.settings.get()).settings, 'notifications.os': 'published' },
      secrets: { openaiApiKey: false },
    }));
    await emitFailed(fake);
    await waitFor(() => expect(host.settings.get).toHaveBeenCalled());
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(fake.gateway.claimShown).not.toHaveBeenCalled();
    expect(shown).toEqual([]);
  });

  it('shows nothing without permission, or in the app (which shows its own)', async () => {
    const { shown } = stubNotification('default');
    const first = setup([]);
    await emitFailed(first.fake);
    expect(first.fake.gateway.claimShown).not.toHaveBeenCalled();
    stubNotification('granted');
    const app = setup([], { hostShowsSystemNotifications: true });
    await emitFailed(app.fake);
    expect(app.fake.gateway.claimShown).not.toHaveBeenCalled();
    expect(shown).toEqual([]);
  });

  it('asks for permission from the panel', async () => {
    const { Stub } = stubNotification('default');
    setup([]);
    fireEvent.click(bell());
    fireEvent.click(screen.getByTestId('notifications-allow'));
    expect(Stub.requestPermission).toHaveBeenCalled();
    expect(await screen.findByTestId('notifications-allowed')).toBeTruthy();
  });
});

describe('Settings → Notifications', () => {
  it('writes the kinds that show as system notifications', async () => {
    const { host } = setup([]);
    fireEvent.click(screen.getByTestId('nav-settings'));
    const failed = (await screen.findByTestId('notify-os-failed')) as HTMLInputElement;
    expect(failed.checked).toBe(true);
    fireEvent.click(failed);
    expect(host.settings.set).toHaveBeenCalledWith(
      'notifications.os',
      'published,missed,reconnect,token-expiring',
    );
  });
});
