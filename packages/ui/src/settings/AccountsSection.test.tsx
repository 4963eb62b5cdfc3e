import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeHost } from '../test-support/fake-host.js';
import { fakePublishing, makeAccount } from '../test-support/fake-publishing.js';
import { renderWithHost } from '../test-support/render-app.js';
import { AccountsSection } from './AccountsSection.js';
import { clientIdsOf } from './developer-app.js';

const NO_APPS = clientIdsOf({});

function renderAccounts(
  accounts = [
    makeAccount('t1', 'tiktok', { name: 'Clips JP', avatarUrl: 'https://cdn.example/t1.jpg' }),
    makeAccount('y1', 'youtube', { name: 'Kirinuki Channel', status: 'reconnect' }),
  ],
  clientIds = { ...NO_APPS, tiktok: 'aw123', youtube: '123.apps.googleusercontent.com' },
) {
  const publishing = fakePublishing({ accounts });
  const { host } = fakeHost({ publishing });
  let appsSaved = 0;
  renderWithHost(host, <AccountsSection clientIds={clientIds} onAppSaved={() => (appsSaved += 1)} />);
  const platform = (id: string) => screen.getByTestId(`accounts-${id}`);
  return { host, publishing, platform, appsSaved: () => appsSaved };
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

  it('Reconnect signs in again with the saved developer app', async () => {
    const { host, platform } = renderAccounts();
    const youtube = platform('youtube');
    fireEvent.click(await within(youtube).findByRole('button', { name: /Reconnect Kirinuki Channel/ }));
    expect(host.accounts.connect).toHaveBeenCalledWith('youtube', {}, expect.any(AbortSignal));
    await waitFor(() => expect(youtube.textContent).toContain('New account is connected.'));
  });

  it('asks for the client id (and TikTok’s secret) when no developer app is set, then connects', async () => {
    const { host, platform, appsSaved } = renderAccounts([], NO_APPS);
    const tiktok = platform('tiktok');
    fireEvent.click(within(tiktok).getByRole('button', { name: 'Connect TikTok' }));
    expect(host.accounts.connect).not.toHaveBeenCalled();
    const form = within(tiktok).getByTestId('developer-app-tiktok');
    expect(form.textContent).toContain('developers.tiktok.com');
    expect(form.textContent).toContain('README’s “Publishing” section');
    const submit = within(form).getByRole('button', { name: 'Save and connect' });
    fireEvent.change(within(form).getByLabelText('Client key'), { target: { value: 'awkey' } });
    expect(submit).toHaveProperty('disabled', true); // TikTok's token call needs the secret
    fireEvent.change(within(form).getByLabelText('Client secret'), { target: { value: 's3cret' } });
    fireEvent.click(submit);
    expect(host.accounts.connect).toHaveBeenCalledWith(
      'tiktok',
      { clientId: 'awkey', clientSecret: 's3cret' },
      expect.any(AbortSignal),
    );
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
    expect(host.accounts.connect).toHaveBeenCalledWith('x', { clientId: 'xid' }, expect.any(AbortSignal));
  });

  it('a failed sign-in says what happened, its code and what to do', async () => {
    const { host, platform } = renderAccounts();
    host.accounts.connect.mockRejectedValueOnce(
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
    host.accounts.connect.mockRejectedValueOnce(
      problem('PLATFORM_NOT_CONFIGURED', 'No youtube developer app is set up here.', 'Register one.'),
    );
    fireEvent.click(within(platform('youtube')).getByRole('button', { name: 'Connect YouTube' }));
    const form = await within(platform('youtube')).findByTestId('developer-app-youtube');
    expect(within(form).getByLabelText('Client ID')).toHaveProperty('value', 'old-id');
    expect(form.textContent).toContain('Leave it empty to keep the secret already saved.');
    expect(within(platform('youtube')).getByRole('alert').textContent).toContain('PLATFORM_NOT_CONFIGURED');
  });

  it('waits for the browser sign-in and can stop waiting', async () => {
    const { host, platform } = renderAccounts();
    let signal: AbortSignal | undefined;
    host.accounts.connect.mockImplementationOnce((_p, _app, s) => {
      signal = s;
      return new Promise(() => undefined);
    });
    fireEvent.click(
      await within(platform('tiktok')).findByRole('button', { name: /Connect another TikTok/ }),
    );
    const waiting = within(platform('tiktok')).getByTestId('accounts-waiting');
    expect(waiting.textContent).toContain('allow Kirinuki on TikTok’s sign-in page');
    fireEvent.click(within(waiting).getByRole('button', { name: 'Stop waiting' }));
    expect(signal?.aborted).toBe(true);
    expect(within(platform('tiktok')).queryByTestId('accounts-waiting')).toBeNull();
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

  it('Instagram says it needs a team server’s https callback and offers no sign-in here', () => {
    const { platform } = renderAccounts();
    const instagram = platform('instagram');
    expect(within(instagram).getByTestId('accounts-team-server').textContent).toMatch(
      /https callback.*team sync server/,
    );
    expect(within(instagram).queryByRole('button', { name: /Connect/ })).toBeNull();
  });
});
