import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { SETTING_DEFAULTS } from '@kirinuki/contracts';
import type { Post } from '../api/api-types.js';
import { FakeClipsGateway, makeClip } from '../test-support/fake-clips-gateway.js';
import { fakeHost } from '../test-support/fake-host.js';
import { fakePublishing, hostProblem, makeAccount, makePost } from '../test-support/fake-publishing.js';
import { renderWithHost } from '../test-support/render-app.js';
import { CalendarScreen } from './CalendarScreen.js';

const ZONE = 'Asia/Tokyo';
/** Monday of next week in Tokyo: the calendar opens on this week, one "Next week" away. */
const monday = DateTime.now().setZone(ZONE).startOf('week').plus({ weeks: 1 });
const at = (days: number, hour: number, minute = 0) =>
  monday.plus({ days }).set({ hour, minute }).toISO({ suppressMilliseconds: true })!;
const day = (days: number) => monday.plus({ days }).toISODate()!;

function setup(posts: Post[] = []) {
  const publishing = fakePublishing({ accounts: [makeAccount('x1', 'x'), makeAccount('t1', 'tiktok')] });
  publishing.posts.push(...posts);
  const clips = new FakeClipsGateway([
    makeClip(1, { status: 'approved', title: 'The hook' }),
    makeClip(2, { status: 'approved', title: 'Second thought' }),
    makeClip(3, { status: 'proposed', title: 'Not yet' }),
  ]);
  const { host } = fakeHost({ publishing, clips });
  host.settings.get.mockResolvedValue({
    settings: { ...SETTING_DEFAULTS, 'scheduling.timezone': ZONE },
    secrets: { openaiApiKey: false },
  });
  renderWithHost(host, <CalendarScreen />);
  return { host, publishing };
}

const chip = (id: string) =>
  document.querySelector<HTMLElement>(`[data-testid="post-chip"][data-post-id="${id}"]`)!;
const slotOf = (element: HTMLElement) =>
  element.closest<HTMLElement>('[data-testid="calendar-slot"]')!.dataset.slot;
const key = (element: Element, k: string, extra: Partial<KeyboardEventInit> = {}) =>
  fireEvent.keyDown(element, { key: k, ...extra });

async function openNextWeek() {
  fireEvent.click(await screen.findByTestId('calendar-next'));
  await screen.findByTestId('week-view');
}

describe('the calendar', () => {
  it('shows the week in the setting’s zone with each post as a chip by platform, and suggested hours', async () => {
    setup([
      makePost('p1', 'tiktok', { clipId: 'c1', status: 'scheduled', at: at(0, 19) }),
      makePost('p2', 'x', { clipId: 'c2', status: 'failed', at: at(2, 9, 30) }),
    ]);
    await openNextWeek();
    expect(screen.getByTestId('calendar-zone').textContent).toBe('Times in Asia/Tokyo (GMT+9)');
    expect(slotOf(chip('p1'))).toBe(`slot:${day(0)}T19`);
    expect(chip('p1').dataset.platform).toBe('tiktok');
    expect(chip('p1').getAttribute('aria-label')).toContain('TikTok at 7:00 PM: The hook (Scheduled)');
    expect(slotOf(chip('p2'))).toBe(`slot:${day(2)}T09`);
    expect(chip('p2').textContent).toContain('Failed');
    const rail = screen.getByTestId('clip-rail');
    expect(
      within(rail)
        .getAllByTestId('rail-clip')
        .map((c) => c.textContent),
    ).toEqual([expect.stringContaining('The hook'), expect.stringContaining('Second thought')]);
    const suggested = document.querySelector(`[data-slot="slot:${day(3)}T19"]`)!;
    expect(suggested.getAttribute('data-suggested')).toBe('tiktok');
    expect(document.querySelector(`[data-slot="slot:${day(3)}T17"]`)!.getAttribute('data-suggested')).toBe(
      'x',
    );
  });

  it('moves a chip by keyboard (arrows pick, Enter confirms) with the right offset, and undoes it', async () => {
    const { publishing } = setup([makePost('p1', 'tiktok', { status: 'scheduled', at: at(1, 19) })]);
    await openNextWeek();
    const reschedule = publishing.gateways.posts.reschedule;
    key(chip('p1'), 'ArrowDown');
    key(chip('p1'), 'ArrowRight');
    expect(screen.getByTestId('calendar-cursor').textContent).toContain('Move to');
    expect(document.querySelector('[data-cursor="true"]')!.getAttribute('data-slot')).toBe(
      `slot:${day(2)}T20`,
    );
    expect(reschedule).not.toHaveBeenCalled();
    key(chip('p1'), 'Enter');
    await waitFor(() => expect(reschedule).toHaveBeenCalledWith('p1', at(2, 20)));
    expect(at(2, 20)).toMatch(/T20:00:00\+09:00$/);
    await waitFor(() => expect(slotOf(chip('p1'))).toBe(`slot:${day(2)}T20`));
    expect(document.activeElement).toBe(chip('p1'));

    // Ctrl+Z anywhere: the post goes back to its time on the host.
    key(document.body, 'z', { ctrlKey: true });
    await waitFor(() => expect(reschedule).toHaveBeenLastCalledWith('p1', at(1, 19)));
    await waitFor(() => expect(slotOf(chip('p1'))).toBe(`slot:${day(1)}T19`));
    expect(publishing.posts[0]!.at).toBe(new Date(at(1, 19)).toISOString());
    expect((screen.getByTestId('calendar-undo') as HTMLButtonElement).disabled).toBe(true);
  });

  it('Escape leaves a chip where it was; the Undo button reverts a move', async () => {
    const { publishing } = setup([makePost('p1', 'x', { status: 'scheduled', at: at(3, 9, 15) })]);
    await openNextWeek();
    key(chip('p1'), 'ArrowUp');
    key(chip('p1'), 'Escape');
    expect(document.querySelector('[data-cursor="true"]')).toBeNull();
    key(chip('p1'), 'ArrowLeft');
    key(chip('p1'), 'Enter');
    await waitFor(() =>
      expect(publishing.gateways.posts.reschedule).toHaveBeenCalledWith('p1', at(2, 9, 15)),
    );
    await waitFor(() => expect(slotOf(chip('p1'))).toBe(`slot:${day(2)}T09`));
    fireEvent.click(screen.getByTestId('calendar-undo'));
    await waitFor(() => expect(slotOf(chip('p1'))).toBe(`slot:${day(3)}T09`));
    expect(publishing.gateways.posts.reschedule).toHaveBeenLastCalledWith('p1', at(3, 9, 15));
  });

  it('a move the host refuses shows its code and puts the chip back', async () => {
    const { publishing } = setup([makePost('p1', 'tiktok', { status: 'scheduled', at: at(1, 19) })]);
    await openNextWeek();
    publishing.gateways.posts.reschedule.mockRejectedValueOnce(
      hostProblem('POST_NOT_SCHEDULED', 'Post p1 has started; it can no longer be moved.'),
    );
    key(chip('p1'), 'ArrowRight');
    key(chip('p1'), 'Enter');
    const problem = await screen.findByTestId('problem');
    expect(problem.textContent).toContain('POST_NOT_SCHEDULED');
    expect(problem.textContent).toContain('it can no longer be moved');
    await waitFor(() => expect(slotOf(chip('p1'))).toBe(`slot:${day(1)}T19`));
    expect((screen.getByTestId('calendar-undo') as HTMLButtonElement).disabled).toBe(true);
  });

  it('only a scheduled post moves', async () => {
    const { publishing } = setup([makePost('p1', 'x', { status: 'published', at: at(1, 9) })]);
    await openNextWeek();
    key(chip('p1'), 'ArrowRight');
    key(chip('p1'), 'Enter');
    expect(document.querySelector('[data-cursor="true"]')).toBeNull();
    expect(publishing.gateways.posts.reschedule).not.toHaveBeenCalled();
  });

  it('schedules a rail clip by keyboard: Enter, arrows to a slot, Enter, the form, then the post on the week', async () => {
    const { publishing } = setup();
    await openNextWeek();
    const clip = screen.getAllByTestId('rail-clip')[0]!;
    key(clip, 'Enter');
    // The keyboard starts on the shown week's Monday at noon.
    expect(document.querySelector('[data-cursor="true"]')!.getAttribute('data-slot')).toBe(
      `slot:${day(0)}T12`,
    );
    key(clip, 'ArrowRight');
    key(clip, 'ArrowDown');
    key(clip, 'Enter');
    const dialog = await screen.findByTestId('publish-dialog');
    expect(within(dialog).getByRole('heading', { level: 2 }).textContent).toBe('Schedule “The hook”');
    expect(((await within(dialog).findByTestId('schedule-date')) as HTMLInputElement).value).toBe(day(1));
    expect((within(dialog).getByTestId('schedule-time') as HTMLInputElement).value).toBe('13:00');
    expect(within(dialog).getByTestId('schedule-zone').textContent).toContain('Asia/Tokyo');
    fireEvent.change(within(dialog).getByTestId('schedule-time'), { target: { value: '17:30' } });
    fireEvent.click(await within(dialog).findByTestId('choose-x'));
    publishing.gateways.posts.schedule.mockImplementationOnce(async (request) => ({
      posts: [makePost('p9', 'x', { clipId: request.clipId, status: 'scheduled', at: request.at })],
      warnings: ['x: 101 posts within 15 minutes; X takes 100 per user.'],
    }));
    const submit = within(dialog).getByTestId('publish-submit') as HTMLButtonElement;
    await waitFor(() => expect(submit.disabled).toBe(false));
    expect(submit.textContent).toBe('Schedule for 1 platform');
    fireEvent.click(submit);
    await waitFor(() => expect(screen.queryByTestId('publish-dialog')).toBeNull());
    const request = publishing.gateways.posts.schedule.mock.calls[0]![0];
    expect(request).toMatchObject({
      clipId: 'c1',
      to: ['x'],
      at: at(1, 17, 30),
      per: { x: { accountId: 'x1' } },
    });
    expect(screen.getByTestId('schedule-outcome').textContent).toContain('Scheduled 1 post for');
    expect(screen.getByTestId('schedule-warnings').textContent).toContain('X takes 100 per user');
    expect(slotOf(chip('p9'))).toBe(`slot:${day(1)}T17`);
  });

  it('the form refuses a time in the past, and a host refusal keeps the form as it was', async () => {
    const { publishing } = setup();
    await openNextWeek();
    const clip = screen.getAllByTestId('rail-clip')[1]!;
    key(clip, 'Enter');
    key(clip, 'Enter');
    const dialog = await screen.findByTestId('publish-dialog');
    fireEvent.click(await within(dialog).findByTestId('choose-x'));
    const submit = within(dialog).getByTestId('publish-submit') as HTMLButtonElement;
    fireEvent.change(within(dialog).getByTestId('schedule-date'), { target: { value: '2020-01-01' } });
    expect(within(dialog).getByTestId('schedule-when').textContent).toContain('That time has passed.');
    expect(submit.disabled).toBe(true);
    fireEvent.change(within(dialog).getByTestId('schedule-date'), { target: { value: day(4) } });
    publishing.gateways.posts.schedule.mockRejectedValueOnce(
      hostProblem('TIME_IN_PAST', 'That time has passed.', 'Give a time in the future.'),
    );
    await waitFor(() => expect(submit.disabled).toBe(false));
    fireEvent.click(submit);
    const problem = await within(dialog).findByTestId('problem');
    expect(problem.textContent).toContain('TIME_IN_PAST');
    expect(problem.textContent).toContain('Give a time in the future.');
    expect((within(dialog).getByTestId('schedule-date') as HTMLInputElement).value).toBe(day(4));
    expect((within(dialog).getByTestId('choose-x') as HTMLInputElement).checked).toBe(true);
  });

  it('the month view places posts on their days', async () => {
    setup([makePost('p1', 'youtube', { status: 'scheduled', at: at(2, 15) })]);
    fireEvent.click(await screen.findByTestId('calendar-view-month'));
    // The month opens on today's; next week's Wednesday may be in the next one.
    if (!monday.plus({ days: 2 }).hasSame(DateTime.now().setZone(ZONE), 'month'))
      fireEvent.click(screen.getByTestId('calendar-next'));
    await screen.findByTestId('month-view');
    expect(slotOf(chip('p1'))).toBe(`day:${day(2)}`);
    expect(chip('p1').textContent).toContain('YouTube');
  });

  it('lists the queue in time order with Cancel and Retry', async () => {
    const { publishing } = setup([
      makePost('p1', 'tiktok', { status: 'scheduled', at: at(3, 19) }),
      makePost('p2', 'x', {
        status: 'missed',
        at: at(1, 9),
        error: {
          code: 'POST_MISSED',
          message: 'The post was missed: the app was not running.',
          hint: 'Retry it to publish it now.',
        },
      }),
      makePost('p3', 'instagram', { status: 'published', at: at(0, 12) }),
      makePost('p4', 'youtube', { status: 'queued', at: null }),
    ]);
    fireEvent.click(await screen.findByTestId('calendar-view-list'));
    const rows = await screen.findAllByTestId('queue-row');
    expect(rows.map((r) => r.dataset.postId)).toEqual(['p2', 'p1']);
    expect(rows[0]!.textContent).toContain('Missed');
    expect(rows[0]!.textContent).toContain('the app was not running');
    fireEvent.click(within(rows[0]!).getByRole('button', { name: 'Retry the X post' }));
    await waitFor(() => expect(publishing.gateways.posts.retry).toHaveBeenCalledWith('p2'));
    fireEvent.click(within(rows[1]!).getByRole('button', { name: 'Cancel the TikTok post' }));
    await waitFor(() => expect(publishing.gateways.posts.cancel).toHaveBeenCalledWith('p1'));
    await waitFor(() =>
      expect(screen.getAllByTestId('queue-row').map((r) => r.dataset.postId)).toEqual(['p2']),
    );
  });

  it('reads in Japanese', async () => {
    setup([makePost('p1', 'tiktok', { status: 'scheduled', at: at(0, 19) })]);
    const { useUiStore } = await import('../app/ui-store.js');
    act(() => useUiStore.getState().setLocale('ja'));
    expect((await screen.findByRole('heading', { level: 1 })).textContent).toBe('カレンダー');
    await openNextWeek();
    expect(screen.getByTestId('calendar-zone').textContent).toBe('時刻は Asia/Tokyo (GMT+9)');
    expect(chip('p1').textContent).toContain('19:00');
    expect(screen.getByTestId('calendar-view-list').textContent).toBe('キュー');
  });
});
