import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../api/api-types.js';
import { useUiStore } from '../app/ui-store.js';
import { useProgressFeed } from '../app/use-progress-feed.js';
import { FakeClipsGateway, makeClip } from '../test-support/fake-clips-gateway.js';
import { fakeHost, makeVideo } from '../test-support/fake-host.js';
import { useLaneViewport } from '../test-support/lane-layout.js';
import { renderWithHost } from '../test-support/render-app.js';
import { ReviewBoardScreen } from './ReviewBoardScreen.js';

async function openBoard(count: number) {
  const clips = new FakeClipsGateway(Array.from({ length: count }, (_, i) => makeClip(i)));
  const { host } = fakeHost({ videos: [makeVideo()], clips });
  renderWithHost(host, <ReviewBoardScreen />);
  useUiStore.setState({ screen: 'board', boardVideoId: 'v1' });
  await screen.findAllByTestId('clip-card');
  const lane = (status: string) => screen.getByTestId(`lane-${status}`);
  const titles = (status: string) =>
    within(lane(status))
      .queryAllByTestId('clip-card')
      .map((card) => card.querySelector('.clip-title')!.textContent);
  const card = (n: number) => document.querySelector<HTMLElement>(`[data-clip-id="c${n}"]`)!;
  return { clips, lane, titles, card };
}

describe('ReviewBoardScreen', () => {
  useLaneViewport();

  it('shows cards with score, reasons and time range in the Proposed lane', async () => {
    const { titles, card } = await openBoard(3);
    expect(titles('proposed')).toEqual(['Clip 0', 'Clip 1', 'Clip 2']);
    expect(card(1).textContent).toContain('Score 89');
    expect(card(1).textContent).toContain('0:10.0 – 0:40.0');
    expect(card(1).textContent).toContain('strong hook');
  });

  it('approves with the keyboard, on the host too, and undoes', async () => {
    const { titles, card, clips } = await openBoard(3);
    card(1).focus();
    fireEvent.keyDown(card(1), { key: 'a' });
    await waitFor(() => expect(titles('approved')).toEqual(['Clip 1']));
    expect(titles('proposed')).toEqual(['Clip 0', 'Clip 2']);
    await waitFor(() => expect(clips.lane('approved')).toEqual(['c1']));
    fireEvent.click(screen.getByTestId('board-undo'));
    await waitFor(() => expect(titles('proposed')).toEqual(['Clip 0', 'Clip 1', 'Clip 2']));
    await waitFor(() => expect(clips.lane('approved')).toEqual([]));
    fireEvent.keyDown(card(0), { key: 'z', ctrlKey: true, shiftKey: true });
    await waitFor(() => expect(titles('approved')).toEqual(['Clip 1']));
  });

  it('multi-selects with ctrl+click and rejects the selection', async () => {
    const { titles, card } = await openBoard(4);
    fireEvent.click(card(0));
    fireEvent.click(card(2), { ctrlKey: true });
    expect(screen.getByTestId('selection-count').textContent).toBe('2 selected');
    fireEvent.keyDown(card(2), { key: 'r' });
    await waitFor(() => expect(titles('rejected')).toEqual(['Clip 0', 'Clip 2']));
  });

  it('reorders within a lane with Alt+arrows', async () => {
    const { titles, card } = await openBoard(3);
    fireEvent.keyDown(card(0), { key: 'ArrowDown', altKey: true });
    await waitFor(() => expect(titles('proposed')).toEqual(['Clip 1', 'Clip 0', 'Clip 2']));
  });

  it('renders only the visible part of 1,000 clips', async () => {
    const { lane } = await openBoard(1000);
    const rendered = within(lane('proposed')).getAllByTestId('clip-card').length;
    expect(rendered).toBeGreaterThan(3);
    expect(rendered).toBeLessThan(40);
    expect(within(lane('proposed')).getByTestId('lane-count').textContent).toBe('1,000 clips');
  });

  it('opens the editor and saves a new title and style', async () => {
    const { card, clips } = await openBoard(2);
    fireEvent.keyDown(card(1), { key: 'Enter' });
    const title = await screen.findByTestId('editor-title');
    fireEvent.change(title, { target: { value: 'The best minute' } });
    fireEvent.change(screen.getByTestId('editor-style'), { target: { value: 'pop' } });
    // happy-dom does not submit a form from a button click; the browser does (e2e covers that).
    fireEvent.submit(screen.getByTestId('editor-save').closest('form')!);
    await waitFor(() => expect(clips.clips[1]).toMatchObject({ title: 'The best minute', style: 'pop' }));
  });

  it.each([
    ['processing', 'Waiting for proposals'],
    ['ready', 'No clips were found in this video'],
    ['failed', 'Clip finding stopped before any proposals'],
  ] as const)('with no clips and the video %s, says so', async (status, text) => {
    const { host } = fakeHost({ videos: [makeVideo({ status })], clips: new FakeClipsGateway([]) });
    renderWithHost(host, <ReviewBoardScreen />);
    useUiStore.setState({ screen: 'board', boardVideoId: 'v1' });
    await waitFor(() => expect(screen.getByTestId('board-empty').textContent).toContain(text));
  });

  it('renders the approved clips for the chosen platform and style, with progress, then lists the files', async () => {
    const clips = new FakeClipsGateway([
      makeClip(0, { status: 'approved', platform: 'shorts' }),
      makeClip(1),
    ]);
    const { host, emit } = fakeHost({ videos: [makeVideo()], clips });
    const { useJobsStore } = await import('../jobs/jobs-store.js');
    useJobsStore.setState({ jobs: {} });
    host.jobs.subscribe(useJobsStore.getState().receive);
    renderWithHost(host, <ReviewBoardScreen />);
    useUiStore.setState({ screen: 'board', boardVideoId: 'v1' });
    const button = await screen.findByTestId('export-render');
    await waitFor(() => expect(button.textContent).toBe('Render 1 approved clip(s)'));
    // The approved clip's platform is the default; the style is the user's choice.
    expect((screen.getByTestId('export-platform') as HTMLSelectElement).value).toBe('shorts');
    fireEvent.change(screen.getByTestId('export-style'), { target: { value: 'boxed' } });
    fireEvent.change(screen.getByTestId('export-folder'), { target: { value: '/home/me/Clips ' } });
    fireEvent.click(button);
    await waitFor(() =>
      expect(host.render.renderApproved).toHaveBeenCalledWith('v1', {
        platform: 'shorts',
        style: 'boxed',
        outDir: '/home/me/Clips',
      }),
    );
    act(() =>
      emit({
        jobId: 'render-job',
        videoId: 'v1',
        stage: 'render',
        status: 'running',
        fraction: 0.5,
        etaSec: 8,
      }),
    );
    const panel = screen.getByTestId('export-panel');
    await waitFor(() => expect(panel.textContent).toContain('50%'));
    expect((screen.getByTestId('export-render') as HTMLButtonElement).disabled).toBe(true);
    act(() =>
      emit({
        jobId: 'render-job',
        videoId: 'v1',
        stage: 'render',
        status: 'done',
        fraction: 1,
        etaSec: null,
      }),
    );
    expect((await screen.findByTestId('export-files')).textContent).toContain('/lib/exports/clip-1.mp4');
    expect(host.render.renderedFiles).toHaveBeenCalledWith('render-job');
    fireEvent.click(
      await screen.findByRole('button', { name: 'Show /lib/exports/clip-1.mp4 in its folder' }),
    );
    expect(host.desktop.revealFile).toHaveBeenCalledWith('/lib/exports/clip-1.mp4');
  });

  it('picks the output folder with the host’s dialog, and hides what the host cannot do', async () => {
    const { host } = fakeHost({
      videos: [makeVideo()],
      clips: new FakeClipsGateway([makeClip(1, { status: 'approved' })]),
    });
    renderWithHost(host, <ReviewBoardScreen />);
    useUiStore.setState({ screen: 'board', boardVideoId: 'v1' });
    fireEvent.click(await screen.findByTestId('export-folder-choose'));
    await waitFor(() =>
      expect((screen.getByTestId('export-folder') as HTMLInputElement).value).toBe('/home/me/Clips'),
    );
    expect(host.desktop.chooseFolder).toHaveBeenCalledWith('Folder for the rendered clips');
    host.desktop.chooseFolder.mockResolvedValueOnce(null); // cancelled: the folder stays
    fireEvent.click(screen.getByTestId('export-folder-choose'));
    await waitFor(() => expect(host.desktop.chooseFolder).toHaveBeenCalledTimes(2));
    expect((screen.getByTestId('export-folder') as HTMLInputElement).value).toBe('/home/me/Clips');
  });

  it('offers no folder dialog or reveal where the host has none (a browser far from the host)', async () => {
    const { host } = fakeHost({
      videos: [makeVideo()],
      clips: new FakeClipsGateway([makeClip(1, { status: 'approved' })]),
    });
    host.desktop.capabilities.mockResolvedValue({ chooseFolder: false, revealFile: false });
    renderWithHost(host, <ReviewBoardScreen />);
    useUiStore.setState({ screen: 'board', boardVideoId: 'v1' });
    await screen.findByTestId('export-render');
    await waitFor(() => expect(host.desktop.capabilities).toHaveBeenCalled());
    expect(screen.queryByTestId('export-folder-choose')).toBeNull();
    fireEvent.keyDown((await screen.findAllByTestId('clip-card'))[0]!, { key: 'Enter' });
    fireEvent.click(await screen.findByTestId('editor-render'));
    await screen.findByTestId('editor-rendered');
    expect(screen.queryByTestId('reveal-file')).toBeNull();
  });

  it('renders one clip from the editor and says where it went', async () => {
    const { card } = await openBoard(2);
    fireEvent.keyDown(card(1), { key: 'Enter' });
    fireEvent.click(await screen.findByTestId('editor-render'));
    expect((await screen.findByTestId('editor-rendered')).textContent).toContain('/lib/exports/c1.mp4');
  });

  it('edits caption lines from the transcript and snaps trims to word boundaries', async () => {
    const { card, clips } = await openBoard(2);
    clips.editor = {
      transcribed: true,
      lines: ['So here is the thing', 'nobody tells you this'],
      boundaries: [
        { time: 10.4, kind: 'word-start' },
        { time: 39.8, kind: 'word-end' },
      ],
    };
    fireEvent.keyDown(card(1), { key: 'Enter' });
    const lines = await screen.findAllByTestId('caption-line');
    expect(lines.map((l) => (l as HTMLInputElement).value)).toEqual([
      'So here is the thing',
      'nobody tells you this',
    ]);
    fireEvent.change(lines[1]!, { target: { value: 'nobody ever tells you this' } });
    // The trim snaps to the nearest word edge within 0.3 s.
    fireEvent.change(screen.getByTestId('trim-start'), { target: { value: '10.25' } });
    fireEvent.submit(screen.getByTestId('editor-save').closest('form')!);
    await waitFor(() =>
      expect(clips.clips[1]).toMatchObject({
        start: 10.4,
        captions: [{ index: 1, text: 'nobody ever tells you this' }],
      }),
    );
    // Asked again after the save: the edited line says so.
    await waitFor(() => expect(screen.getByText(/edited/)).toBeTruthy());
  });
});

/** The board as the app shows it: with the one progress feed of the app open above it. */
function BoardWithFeed() {
  useProgressFeed();
  return <ReviewBoardScreen />;
}

const jobEvent = (stage: string, status: ProgressEvent['status'], videoId = 'v1'): ProgressEvent => ({
  jobId: `${videoId}-${stage}`,
  videoId,
  stage,
  status,
  fraction: status === 'done' ? 1 : 0.5,
  etaSec: null,
});

describe('publishing from the board', () => {
  useLaneViewport();

  it('opens the publish panel for the one selected clip, and from the clip editor', async () => {
    const { card } = await openBoard(3);
    const publish = screen.getByTestId('board-publish');
    expect(publish).toHaveProperty('disabled', true); // nothing selected
    fireEvent.click(card(1));
    fireEvent.click(card(2), { ctrlKey: true });
    expect(publish).toHaveProperty('disabled', true); // two selected: which one?
    fireEvent.click(card(1));
    fireEvent.click(publish);
    const dialog = await screen.findByTestId('publish-dialog');
    expect(within(dialog).getByRole('heading', { name: 'Publish “Clip 1”' })).toBeTruthy();
    // The panel's form starts once the accounts are read.
    expect(
      await within(dialog).findByText('This clip is still proposed: publishing it approves it.'),
    ).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByTestId('publish-dialog')).toBeNull());
    fireEvent.keyDown(card(1), { key: 'Enter' });
    fireEvent.click(await screen.findByTestId('editor-publish'));
    expect(await screen.findByRole('heading', { name: 'Publish “Clip 1”' })).toBeTruthy();
  });
});

describe('ReviewBoardScreen while the analysis runs', () => {
  useLaneViewport();

  async function openProcessingBoard() {
    const clips = new FakeClipsGateway([]);
    const { host, emit } = fakeHost({ videos: [makeVideo({ status: 'processing' })], clips });
    const made = await host.library.timeline('v1');
    host.library.timeline.mockClear();
    const nothingYet = { durationSec: 60, transcribed: false, words: [], shots: [] };
    host.library.timeline.mockResolvedValue(nothingYet);
    renderWithHost(host, <BoardWithFeed />);
    useUiStore.setState({ screen: 'board', boardVideoId: 'v1' });
    const transcript = await screen.findByTestId('transcript');
    await waitFor(() => expect(transcript.textContent).toContain('The transcript appears here'));
    return { host, emit, clips, made, nothingYet, transcript, player: screen.getByTestId('video-player') };
  }

  it('shows the transcript, then the shots, as soon as their jobs finish, without a reload', async () => {
    const { host, emit, made, nothingYet, transcript, player } = await openProcessingBoard();
    expect(host.library.timeline).toHaveBeenCalledTimes(1);
    // Progress, and jobs of other videos, change nothing on this board.
    act(() => emit(jobEvent('transcribe', 'running')));
    act(() => emit(jobEvent('transcribe', 'done', 'v2')));
    expect(host.library.timeline).toHaveBeenCalledTimes(1);

    host.library.timeline.mockResolvedValue({ ...nothingYet, transcribed: true, words: made.words });
    act(() => emit(jobEvent('transcribe', 'done')));
    const words = await screen.findAllByTestId('transcript-word');
    expect(words.map((w) => w.textContent)).toEqual(['Hello', 'world']);
    expect(screen.queryByTestId('shot-strip')).toBeNull();

    host.library.timeline.mockResolvedValue(made);
    act(() => emit(jobEvent('vision', 'done')));
    await waitFor(() => expect(screen.getByTestId('shot-strip').querySelectorAll('button')).toHaveLength(2));
    // The same panel, updated in place: the player keeps playing where it was.
    expect(screen.getByTestId('transcript')).toBe(transcript);
    expect(screen.getByTestId('video-player')).toBe(player);
    expect(host.library.timeline).toHaveBeenCalledTimes(3);
  });

  it('asks for the timeline again when clips arrive, even when the feed missed the stage events', async () => {
    const { host, emit, clips, made, transcript } = await openProcessingBoard();
    host.library.timeline.mockResolvedValue(made);
    clips.clips.push(makeClip(0), makeClip(1));
    // Any job of the video ending reloads the lanes; here only the ingest's end was seen.
    act(() => emit(jobEvent('ingest', 'done')));
    await waitFor(() => expect(screen.getAllByTestId('clip-card')).toHaveLength(2));
    await waitFor(() => expect(screen.getAllByTestId('transcript-word')).toHaveLength(2));
    expect(screen.getByTestId('transcript')).toBe(transcript);
  });
});
