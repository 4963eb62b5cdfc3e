import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeHost } from '../test-support/fake-host.js';
import { fakePublishing, makeAccount } from '../test-support/fake-publishing.js';
import { renderWithHost } from '../test-support/render-app.js';
import { AccountsSection } from './AccountsSection.js';
import { clientIdsOf } from './developer-app.js';

const NO_APPS = clientIdsOf({});

// The page opens the sign-in page itself when the host's desktop did not: a new tab.
let opened: ReturnType<typeof vi.fn>;
beforeEach(() => {
  opened = vi.fn(() => null);
  vi.stubGlobal('open', opened);
});
afterEach(() => vi.unstubAllGlobals());

function renderAccounts(
  accounts = [
    makeAccount('t1', 'tiktok', { name: 'Clips JP', avatarUrl: 'https://cdn.example/t1.jpg' }),
    makeAccount('y1', 'youtube', { name: 'Kirinuki Channel', status: 'reconnect' }),
  ],
  clientIds = { ...NO_APPS, tiktok: 'aw123', youtube: '123.apps.googleusercontent.com' },
  instagramRedirect = '',
) {
  const publishing = fakePublishing({ accounts });
  const { host } = fakeHost({ publishing });
  let appsSaved = 0;
  const view = renderWithHost(
    host,
    <AccountsSection
      clientIds={clientIds}
      instagramRedirect={instagramRedirect}
      onAppSaved={() => (appsSaved += 1)}
    />,
  );
  const platform = (id: string) => screen.getByTestId(`accounts-${id}`);
  return { host, publishing, platform, view, appsSaved: () => appsSaved };
}

const problem = (code: string, message: string, hint: string) =>
  Object.assign(new Error(message), { data: { kirinuki: { code, message, hint } } });

describe('Settings → Accounts', () => {
  it('lists each platform’s accounts with their status; a reconnect is plainly asked for', async () => {
    const { platform } = renderAccounts();
    const tiktok = await within(platform('tiktok')).findByTestId('account-row');
    expect(tiktok.textContent).toContain('Clips JP');
    expect(tiktok.textContent).toContain('Connected');
    expect(tiktok.querySelector('img')?.getAttribute('src')).toBe('https://cdn.example/t1.jpg');
    const youtube = within(platform('youtube')).getByTestId('account-row');
    expect(youtube.getAttribute('data-status')).toBe('reconnect');
    expect(youtube.textContent).toContain('Reconnect needed');
    expect(youtube.textContent).toContain('YouTube no longer accepts the saved sign-in');
    expect(within(youtube).getByTestId('avatar-initial').textContent).toBe('K');
    expect(
      within(youtube).getByRole('button', { name: 'Reconnect Kirinuki Channel on YouTube' }),
    ).toBeTruthy();
    expect(within(platform('x')).getByText('No account connected.')).toBeTruthy();
  });

  it('an avatar that cannot load shows the initial instead', async () => {
    const { platform } = renderAccounts();
    const img = (await within(platform('tiktok')).findByTestId('account-row')).querySelector('img')!;
    fireEvent.error(img);
    expect(within(platform('tiktok')).getByTestId('avatar-initial').textContent).toBe('C');
  });

  it('Reconnect begins a sign-in with the saved app, opens its page in a new tab, and waits for the host', async () => {
    const { host, platform } = renderAccounts();
    const youtube = platform('youtube');
    fireEvent.click(await within(youtube).findByRole('button', { name: /Reconnect Kirinuki Channel/ }));
    expect(host.accounts.beginConnect).toHaveBeenCalledWith('youtube', {});
    await waitFor(() => expect(youtube.textContent).toContain('New account is connected.'));
    expect(opened).toHaveBeenCalledWith(
      'https://youtube.example/oauth/authorize?state=s1',
      '_blank',
      'noopener',
    );
    expect(host.accounts.finishConnect).toHaveBeenCalledWith('s1', { signal: expect.any(AbortSignal) });
    expect(host.accounts.cancelConnect).not.toHaveBeenCalled();
  });

  it('does not open a second page when the host’s desktop opened it in the browser', async () => {
    const { host, platform } = renderAccounts();
    host.accounts.beginConnect.mockImplementationOnce(async (p) => ({
      ...(await fakePublishing().gateways.accounts.beginConnect(p, {})),
      opened: true,
    }));
    host.accounts.finishConnect.mockImplementationOnce(() => new Promise(() => undefined));
    fireEvent.click(
      await within(platform('tiktok')).findByRole('button', { name: /Connect another TikTok/ }),
    );
    const waiting = await within(platform('tiktok')).findByTestId('accounts-waiting');
    await waitFor(() => expect(waiting.textContent).toContain('It opened in your browser.'));
    expect(opened).not.toHaveBeenCalled();
  });

  it('asks for the client id (and TikTok’s secret) when no developer app is set, then connects', async () => {
    const { host, platform, appsSaved } = renderAccounts([], NO_APPS);
    const tiktok = platform('tiktok');
    fireEvent.click(within(tiktok).getByRole('button', { name: 'Connect TikTok' }));
    expect(host.accounts.beginConnect).not.toHaveBeenCalled();
    const form = within(tiktok).getByTestId('developer-app-tiktok');
    expect(form.textContent).toContain('developers.tiktok.com');
    expect(form.textContent).toContain('README’s “Publishing” section');
    const submit = within(form).getByRole('button', { name: 'Save and connect' });
    fireEvent.change(within(form).getByLabelText('Client key'), { target: { value: 'awkey' } });
    expect(submit).toHaveProperty('disabled', true); // TikTok's token call needs the secret
    fireEvent.change(within(form).getByLabelText('Client secret'), { target: { value: 's3cret' } });
    fireEvent.click(submit);
    expect(host.accounts.beginConnect).toHaveBeenCalledWith('tiktok', {
      clientId: 'awkey',
      clientSecret: 's3cret',
    });
    await waitFor(() =>
      expect(within(tiktok).getByTestId('account-row').textContent).toContain('New account'),
    );
    expect(appsSaved()).toBeGreaterThan(0); // the settings are read again: the id was saved
  });

  it('X takes a public app without a secret', async () => {
    const { host, platform } = renderAccounts([], NO_APPS);
    fireEvent.click(within(platform('x')).getByRole('button', { name: 'Connect X' }));
    const form = within(platform('x')).getByTestId('developer-app-x');
    expect(form.textContent).toContain('leave it empty for a public (PKCE) app');
    fireEvent.change(within(form).getByLabelText('Client ID'), { target: { value: 'xid' } });
    fireEvent.click(within(form).getByRole('button', { name: 'Save and connect' }));
    expect(host.accounts.beginConnect).toHaveBeenCalledWith('x', { clientId: 'xid' });
  });

  it('a failed sign-in says what happened, its code and what to do', async () => {
    const { host, platform } = renderAccounts();
    host.accounts.finishConnect.mockRejectedValueOnce(
      problem('SIGN_IN_FAILED', 'The sign-in did not finish.', 'Try again, and allow Kirinuki.'),
    );
    fireEvent.click(
      await within(platform('tiktok')).findByRole('button', { name: 'Connect another TikTok account' }),
    );
    const alert = await within(platform('tiktok')).findByRole('alert');
    expect(alert.textContent).toContain('Error SIGN_IN_FAILED');
    expect(alert.textContent).toContain('The sign-in did not finish.');
    expect(alert.textContent).toContain('Try again, and allow Kirinuki.');
  });

  it('PLATFORM_NOT_CONFIGURED opens the developer app form', async () => {
    const { host, platform } = renderAccounts([], { ...NO_APPS, youtube: 'old-id' });
    host.accounts.beginConnect.mockRejectedValueOnce(
      problem('PLATFORM_NOT_CONFIGURED', 'No youtube developer app is set up here.', 'Register one.'),
    );
    fireEvent.click(within(platform('youtube')).getByRole('button', { name: 'Connect YouTube' }));
    const form = await within(platform('youtube')).findByTestId('developer-app-youtube');
    expect(within(form).getByLabelText('Client ID')).toHaveProperty('value', 'old-id');
    expect(form.textContent).toContain('Leave it empty to keep the secret already saved.');
    expect(within(platform('youtube')).getByRole('alert').textContent).toContain('PLATFORM_NOT_CONFIGURED');
  });

  it('waits for the browser sign-in, links to its page, and Stop ends it on the host', async () => {
    const { host, platform } = renderAccounts();
    let signal: AbortSignal | undefined;
    host.accounts.finishConnect.mockImplementationOnce((_id, options) => {
      signal = options.signal;
      return new Promise(() => undefined);
    });
    fireEvent.click(
      await within(platform('tiktok')).findByRole('button', { name: /Connect another TikTok/ }),
    );
    const waiting = await within(platform('tiktok')).findByText(/allow Kirinuki on TikTok’s sign-in page/);
    expect(waiting.textContent).toContain('It opened in a new tab.');
    const link = within(platform('tiktok')).getByRole('link', { name: 'Open TikTok’s sign-in page' });
    expect(link.getAttribute('href')).toBe('https://tiktok.example/oauth/authorize?state=s1');
    expect(link.getAttribute('target')).toBe('_blank');
    fireEvent.click(within(platform('tiktok')).getByRole('button', { name: 'Stop waiting' }));
    expect(signal?.aborted).toBe(true);
    expect(host.accounts.cancelConnect).toHaveBeenCalledWith('s1');
    expect(within(platform('tiktok')).queryByTestId('accounts-waiting')).toBeNull();
  });

  it('leaving Settings mid sign-in ends it on the host (no listener left open)', async () => {
    const { host, platform, view } = renderAccounts();
    host.accounts.finishConnect.mockImplementationOnce(() => new Promise(() => undefined));
    fireEvent.click(
      await within(platform('tiktok')).findByRole('button', { name: /Connect another TikTok/ }),
    );
    await waitFor(() => expect(host.accounts.finishConnect).toHaveBeenCalled());
    view.unmount();
    expect(host.accounts.cancelConnect).toHaveBeenCalledWith('s1');
  });

  it('removes an account only after a confirm', async () => {
    const { host, platform } = renderAccounts();
    const tiktok = platform('tiktok');
    fireEvent.click(await within(tiktok).findByRole('button', { name: 'Remove Clips JP from TikTok' }));
    expect(within(tiktok).getByRole('group').textContent).toContain('Remove Clips JP?');
    expect(document.activeElement?.textContent).toBe('Remove account'); // focus moved to the answer
    fireEvent.click(within(tiktok).getByRole('button', { name: 'Keep' }));
    expect(host.accounts.remove).not.toHaveBeenCalled();
    fireEvent.click(within(tiktok).getByRole('button', { name: 'Remove Clips JP from TikTok' }));
    await act(async () => fireEvent.click(within(tiktok).getByRole('button', { name: 'Remove account' })));
    expect(host.accounts.remove).toHaveBeenCalledWith('t1');
    await waitFor(() => expect(within(tiktok).queryByTestId('account-row')).toBeNull());
    expect(tiktok.textContent).toContain('Clips JP was removed.');
  });

  it('Instagram: asks for the registered https redirect, then takes the address the browser landed on', async () => {
    const { host, platform, appsSaved } = renderAccounts([], NO_APPS);
    const instagram = platform('instagram');
    expect(within(instagram).getByTestId('accounts-registered-redirect').textContent).toContain(
      'returns only to an https address registered with your app',
    );
    fireEvent.click(within(instagram).getByRole('button', { name: 'Connect Instagram' }));
    const form = within(instagram).getByTestId('developer-app-instagram');
    fireEvent.change(within(form).getByLabelText('Client ID'), { target: { value: 'ig-app' } });
    fireEvent.change(within(form).getByLabelText('Client secret'), { target: { value: 'ig-secret' } });
    const submit = within(form).getByRole('button', { name: 'Save and connect' });
    fireEvent.change(within(form).getByLabelText('Redirect URI (https)'), {
      target: { value: 'http://not-https.example/cb' },
    });
    expect(submit).toHaveProperty('disabled', true);
    fireEvent.change(within(form).getByLabelText('Redirect URI (https)'), {
      target: { value: 'https://sync.example/oauth/instagram' },
    });
    fireEvent.click(submit);
    expect(host.accounts.beginConnect).toHaveBeenCalledWith('instagram', {
      clientId: 'ig-app',
      clientSecret: 'ig-secret',
      redirectUri: 'https://sync.example/oauth/instagram',
    });
    const pasted = await within(instagram).findByLabelText('The address your browser landed on');
    expect(appsSaved()).toBe(1); // the saved app and redirect are read again while the sign-in waits
    const waiting = within(instagram).getByTestId('accounts-waiting');
    expect(waiting.textContent).toContain('Your browser then lands on https://sync.example/oauth/instagram');
    expect(host.accounts.finishConnect).not.toHaveBeenCalled(); // nothing comes back by itself
    fireEvent.change(pasted, { target: { value: 'https://evil.example/cb?code=1' } });
    await act(async () => fireEvent.click(within(waiting).getByRole('button', { name: 'Finish sign-in' })));
    expect((await within(instagram).findByRole('alert')).textContent).toContain('SIGN_IN_FAILED');
    // Still waiting: the right address finishes it.
    fireEvent.change(pasted, { target: { value: 'https://sync.example/oauth/instagram?code=ok&state=s1' } });
    await act(async () => fireEvent.click(within(waiting).getByRole('button', { name: 'Finish sign-in' })));
    expect(host.accounts.finishConnect).toHaveBeenLastCalledWith('s1', {
      redirectedUrl: 'https://sync.example/oauth/instagram?code=ok&state=s1',
      signal: expect.any(AbortSignal),
    });
    await waitFor(() => expect(instagram.textContent).toContain('New account is connected.'));
    expect(within(instagram).queryByRole('alert')).toBeNull();
  });

  it('Instagram with its app and redirect saved begins the sign-in at once', async () => {
    const { host, platform } = renderAccounts(
      [],
      { ...NO_APPS, instagram: 'ig-app' },
      'https://sync.example/oauth/instagram',
    );
    fireEvent.click(within(platform('instagram')).getByRole('button', { name: 'Connect Instagram' }));
    expect(host.accounts.beginConnect).toHaveBeenCalledWith('instagram', {});
    expect(
      await within(platform('instagram')).findByLabelText('The address your browser landed on'),
    ).toBeTruthy();
  });
});
