import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { ConnectedAccount } from '../api/api-types.js';
import { useJobsStore } from '../jobs/jobs-store.js';
import { makeClip } from '../test-support/fake-clips-gateway.js';
import { fakeHost } from '../test-support/fake-host.js';
import { fakePublishing, makeAccount } from '../test-support/fake-publishing.js';
import { renderWithHost } from '../test-support/render-app.js';
import { PublishDialog } from './PublishDialog.js';

const clip = makeClip(1, { status: 'approved', title: 'The hook', hashtags: ['AI', 'podcast'] });

function openPanel(accounts: ConnectedAccount[] = [makeAccount('t1', 'tiktok'), makeAccount('x1', 'x')]) {
  const publishing = fakePublishing({ accounts });
  const { host } = fakeHost({ publishing });
  const onOpenSettings = vi.fn();
  renderWithHost(
    host,
    <PublishDialog clip={clip} onClose={() => undefined} onOpenSettings={onOpenSettings} />,
  );
  const choose = async (platform: string) => fireEvent.click(await screen.findByTestId(`choose-${platform}`));
  const submit = () => screen.getByTestId('publish-submit') as HTMLButtonElement;
  return { host, publishing, onOpenSettings, choose, submit };
}

const optionTexts = (select: HTMLElement) =>
  within(select)
    .getAllByRole('option')
    .map((o) => o.textContent);
const type = (testId: string, value: string) =>
  fireEvent.change(screen.getByTestId(testId), { target: { value } });
const feed = (jobId: string, stage: string, status: 'running' | 'done' | 'failed', fraction: number | null) =>
  act(() => useJobsStore.getState().receive({ jobId, videoId: 'v1', stage, status, fraction, etaSec: null }));

describe('the publish panel', () => {
  it('offers only platforms with an account that can post, and says how to connect the others', async () => {
    const { choose, onOpenSettings } = openPanel([
      makeAccount('t1', 'tiktok'),
      makeAccount('y1', 'youtube', { status: 'reconnect' }),
    ]);
    await choose('tiktok');
    expect(screen.getByTestId('choose-tiktok')).toHaveProperty('checked', true);
    expect(screen.getByTestId('choose-youtube')).toHaveProperty('disabled', true);
    expect(screen.getByTestId('choose-youtube').parentElement!.textContent).toContain('reconnect needed');
    expect(screen.getByTestId('choose-instagram').parentElement!.textContent).toContain('not connected');
    const note = screen.getByTestId('connect-others');
    expect(note.textContent).toContain(
      'To post to Instagram, YouTube, or X, connect an account in Settings → Accounts.',
    );
    fireEvent.click(within(note).getByRole('button', { name: 'Open Settings' }));
    expect(onOpenSettings).toHaveBeenCalled();
  });

  it('TikTok: privacy has no default and shows only the options creator_info offers', async () => {
    const { choose, submit } = openPanel();
    await choose('tiktok');
    const privacy = await screen.findByTestId('privacy-tiktok');
    expect((privacy as HTMLSelectElement).value).toBe('');
    expect(optionTexts(privacy)).toEqual(['Choose…', 'Friends', 'Only me']); // no "Everyone": not offered
    expect(submit().disabled).toBe(true);
    expect(screen.getByTestId('publish-remaining').textContent).toContain(
      'TikTok: Choose who can view this.',
    );
    expect(screen.getByTestId('posting-as-tiktok').textContent).toBe('Posting as kirinuki.clips');
    fireEvent.change(privacy, { target: { value: 'friends' } });
    expect(submit().disabled).toBe(false);
  });

  it('TikTok: interactions start unticked, greyed where the creator turned them off; disclosure rules', async () => {
    const { choose, submit } = openPanel();
    await choose('tiktok');
    fireEvent.change(await screen.findByTestId('privacy-tiktok'), { target: { value: 'private' } });
    const comments = screen.getByTestId('tiktok-allowComments') as HTMLInputElement;
    const duet = screen.getByTestId('tiktok-allowDuet') as HTMLInputElement;
    expect([comments.checked, comments.disabled]).toEqual([false, false]);
    const stitch = screen.getByTestId('tiktok-allowStitch') as HTMLInputElement;
    expect([duet.checked, duet.disabled]).toEqual([false, true]);
    expect([stitch.checked, stitch.disabled]).toEqual([false, false]);
    expect(duet.parentElement!.textContent).toContain('turned off in your TikTok settings');
    fireEvent.click(screen.getByTestId('tiktok-commercial'));
    expect(submit().disabled).toBe(true); // say what it promotes
    fireEvent.click(screen.getByTestId('tiktok-brandedContent'));
    // Branded content cannot be private: the "Only me" choice is undone and disabled.
    const privacy = screen.getByTestId('privacy-tiktok') as HTMLSelectElement;
    expect(privacy.value).toBe('');
    expect(within(privacy).getByRole('option', { name: 'Only me' })).toHaveProperty('disabled', true);
    expect(screen.getByTestId('tiktok-consent').textContent).toContain('Branded Content Policy');
    fireEvent.change(privacy, { target: { value: 'friends' } });
    expect(submit().disabled).toBe(false);
  });

  it('X: a live weighted counter (a URL is 23, an emoji or a Japanese character 2)', async () => {
    const { choose, submit } = openPanel();
    await choose('x');
    const count = () => screen.getByTestId('text-x-count').textContent;
    await waitFor(() => expect(count()).toBe('22 / 280')); // "The hook\n\n#AI #podcast" from the clip
    type('text-x', 'https://example.com/a/very/long/path/to/the/clip?ref=kirinuki');
    expect(count()).toBe('23 / 280');
    type('text-x', 'こんにちは😀');
    expect(count()).toBe('12 / 280');
    type('text-x', 'あ'.repeat(141));
    expect(count()).toBe('282 / 280 (over by 2)');
    expect(submit().disabled).toBe(true);
    expect(screen.getByTestId('preview-x').textContent).toContain('あああ');
  });

  it('Instagram counts 2,200 characters and 30 hashtags', async () => {
    const { choose, submit } = openPanel([makeAccount('i1', 'instagram')]);
    await choose('instagram');
    const count = () => screen.getByTestId('text-instagram-count').textContent;
    await waitFor(() => expect(count()).toBe('22 / 2,200 · 2 / 30 hashtags'));
    type('text-instagram', Array.from({ length: 31 }, (_, i) => `#t${i}`).join(' '));
    expect(count()).toContain('31 / 30 hashtags (over by 1)');
    expect(submit().disabled).toBe(true);
  });

  it('YouTube: publishing waits until privacy and made-for-kids are answered', async () => {
    const { choose, submit } = openPanel([makeAccount('y1', 'youtube')]);
    await choose('youtube');
    const privacy = await screen.findByTestId('privacy-youtube');
    expect(optionTexts(privacy)).toEqual(['Choose…', 'Public', 'Unlisted', 'Private']);
    const remaining = screen.getByTestId('publish-remaining').textContent;
    expect(remaining).toContain('YouTube: Choose who can view this.');
    expect(remaining).toContain('YouTube: Answer whether it is made for kids.');
    fireEvent.change(privacy, { target: { value: 'unlisted' } });
    expect(submit().disabled).toBe(true);
    fireEvent.click(screen.getByLabelText('No, it’s not made for kids'));
    expect(submit().disabled).toBe(false);
    expect(screen.getByTestId('preview-youtube').textContent).toContain('The hook');
  });

  it('a double click publishes once, with one key; a resend after a failure keeps the key', async () => {
    const { host, choose, submit } = openPanel();
    await choose('x');
    await waitFor(() => expect(submit().disabled).toBe(false));
    host.posts.publish.mockRejectedValueOnce(new Error('connection lost'));
    fireEvent.click(submit());
    fireEvent.click(submit());
    expect(host.posts.publish).toHaveBeenCalledTimes(1);
    expect(await screen.findByRole('alert')).toBeTruthy();
    await waitFor(() => expect(submit().disabled).toBe(false));
    await act(async () => fireEvent.click(submit()));
    expect(host.posts.publish).toHaveBeenCalledTimes(2);
    const [first, second] = host.posts.publish.mock.calls.map(([request]) => request);
    expect(first!.idempotencyKey).toMatch(/^ui-[0-9a-f]{32}$/);
    expect(second!.idempotencyKey).toBe(first!.idempotencyKey);
    expect(second).toMatchObject({
      clipId: 'c1',
      to: ['x'],
      per: { x: { accountId: 'x1', draft: { caption: 'The hook\n\n#AI #podcast' } } },
    });
    expect(await screen.findByTestId('post-row')).toBeTruthy();
  });

  it('follows each post on the feed and posts.list, then links to it', async () => {
    const { choose, submit, publishing } = openPanel();
    await choose('x');
    await waitFor(() => expect(submit().disabled).toBe(false));
    await act(async () => fireEvent.click(submit()));
    const row = await screen.findByTestId('post-row');
    expect(row.textContent).toContain('Waiting');
    feed('p1-render', 'post-render', 'running', 0.4);
    await waitFor(() => expect(row.textContent).toContain('Rendering'));
    expect(row.textContent).toContain('40%');
    Object.assign(publishing.posts[0]!, { status: 'uploading', bytesSent: 3, bytesTotal: 4 });
    feed('p1-publish', 'publish', 'running', 0.1);
    await waitFor(() => expect(row.textContent).toContain('Uploading'));
    expect(row.textContent).toContain('75%');
    Object.assign(publishing.posts[0]!, { status: 'published', url: 'https://x.com/i/status/1' });
    feed('p1-publish', 'publish', 'done', 1);
    const link = await within(row).findByRole('link', { name: 'Open the X post' });
    expect(link.getAttribute('href')).toBe('https://x.com/i/status/1');
    expect(screen.getByText('Every post is out.')).toBeTruthy();
  });

  it('a published post the platform gave no address for says where to find it', async () => {
    const { choose, submit, publishing } = openPanel();
    await choose('tiktok');
    fireEvent.change(await screen.findByTestId('privacy-tiktok'), { target: { value: 'private' } });
    await act(async () => fireEvent.click(submit()));
    const row = await screen.findByTestId('post-row');
    Object.assign(publishing.posts[0]!, { status: 'published', url: null });
    feed('p1-publish', 'publish', 'done', 1);
    await waitFor(() => expect(row.getAttribute('data-status')).toBe('published'));
    expect(row.textContent).toContain('TikTok gives no link to this post: find it in the TikTok app.');
    expect(within(row).queryByRole('link')).toBeNull();
    expect(within(row).queryByRole('button')).toBeNull(); // nothing left to retry or cancel
  });

  it('a failed post shows its reason, and Retry retries it on the host', async () => {
    const { host, choose, submit, publishing } = openPanel();
    await choose('x');
    await waitFor(() => expect(submit().disabled).toBe(false));
    await act(async () => fireEvent.click(submit()));
    const row = await screen.findByTestId('post-row');
    Object.assign(publishing.posts[0]!, {
      status: 'failed',
      error: {
        code: 'PLATFORM_REJECTED',
        message: 'X refused the post: duplicate content.',
        hint: 'Change the text.',
      },
    });
    feed('p1-publish', 'publish', 'failed', 0.2);
    const alert = await within(row).findByRole('alert');
    expect(alert.textContent).toContain('Error PLATFORM_REJECTED');
    expect(alert.textContent).toContain('X refused the post: duplicate content.');
    expect(alert.textContent).toContain('Change the text.');
    await act(async () => fireEvent.click(within(row).getByRole('button', { name: 'Retry the X post' })));
    expect(host.posts.retry).toHaveBeenCalledWith('p1');
    await waitFor(() => expect(row.getAttribute('data-status')).toBe('queued'));
    expect(within(row).queryByRole('alert')).toBeNull();
  });
});
