import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useUiStore } from '../app/ui-store.js';
import { fakeHost, makeVideo } from '../test-support/fake-host.js';
import { renderWithHost } from '../test-support/render-app.js';
import { activeJobsOf, LibraryScreen } from './LibraryScreen.js';

describe('LibraryScreen', () => {
  it('lists videos with their status and facts', async () => {
    const { host } = fakeHost({
      videos: [makeVideo(), makeVideo({ id: 'v2', title: 'Gone', availability: 'missing' } as never)],
    });
    renderWithHost(host, <LibraryScreen />);
    const rows = await screen.findAllByTestId('video-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.textContent).toContain('Podcast episode 12');
    expect(rows[0]!.textContent).toContain('1h 2m');
    expect(rows[0]!.textContent).toContain('1.2 GB');
    expect(rows[1]!.querySelector('[data-testid="video-status"]')!.textContent).toBe('File missing');
  });

  it('imports a path and opens its review board', async () => {
    const { host } = fakeHost();
    renderWithHost(host, <LibraryScreen />);
    fireEvent.change(screen.getByTestId('import-url-input'), { target: { value: '/media/talk.mp4' } });
    fireEvent.click(screen.getByTestId('import-submit'));
    await waitFor(() => expect(useUiStore.getState().screen).toBe('board'));
    expect(host.library.importInput).toHaveBeenCalledWith('/media/talk.mp4');
    expect(useUiStore.getState().boardVideoId).toBe('v1');
  });

  it('uploads a dropped file, then imports the path the host gave', async () => {
    const { host } = fakeHost();
    renderWithHost(host, <LibraryScreen />);
    const file = new File(['x'], 'clip.mp4', { type: 'video/mp4' });
    fireEvent.drop(screen.getByTestId('import-drop-zone'), { dataTransfer: { files: [file] } });
    await waitFor(() => expect(host.library.importInput).toHaveBeenCalledWith('/tmp/upload/clip.mp4'));
    expect(host.files.pathForDroppedFile).toHaveBeenCalledWith(file);
  });

  it('shows the host’s error code, message and hint', async () => {
    const { host } = fakeHost();
    host.library.importInput.mockRejectedValueOnce(
      Object.assign(new Error('x'), {
        data: {
          kirinuki: {
            code: 'NO_VIDEO_STREAM',
            message: 'The file has no video.',
            hint: 'Pick a video file.',
          },
        },
      }),
    );
    renderWithHost(host, <LibraryScreen />);
    fireEvent.change(screen.getByTestId('import-url-input'), { target: { value: '/media/a.wav' } });
    fireEvent.click(screen.getByTestId('import-submit'));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('NO_VIDEO_STREAM');
    expect(alert.textContent).toContain('The file has no video.');
    expect(alert.textContent).toContain('Pick a video file.');
    expect(useUiStore.getState().screen).toBe('library');
  });

  it('shows progress with ETA, and cancel / retry call the host', async () => {
    const { host, emit } = fakeHost({ videos: [makeVideo()] });
    renderWithHost(host, <LibraryScreen />);
    // The library screen does not subscribe itself; the app does. Feed the store as the app would.
    const { useJobsStore } = await import('../jobs/jobs-store.js');
    host.jobs.subscribe(useJobsStore.getState().receive);
    await screen.findAllByTestId('video-row');
    act(() =>
      emit({
        jobId: 'j1',
        videoId: 'v1',
        stage: 'transcribe',
        status: 'running',
        fraction: 0.4,
        etaSec: 125,
      }),
    );
    const progress = await screen.findByTestId('job-progress');
    expect(progress.textContent).toContain('40%');
    expect(progress.textContent).toContain('2m 5s left');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(host.jobs.cancel).toHaveBeenCalledWith('j1');
    act(() =>
      emit({
        jobId: 'j1',
        videoId: 'v1',
        stage: 'transcribe',
        status: 'failed',
        fraction: null,
        etaSec: null,
        message: 'Model missing.',
        code: 'MODEL_MISSING',
        hint: 'Run kirinuki models prepare.',
      }),
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Model missing.');
    // The host's own code and next step, not a generic one.
    expect(alert.textContent).toContain('MODEL_MISSING');
    expect(alert.textContent).toContain('Run kirinuki models prepare.');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(host.jobs.retry).toHaveBeenCalledWith('j1');
  });

  it('shows where a video is in the pipeline, and asks the host again when one of its jobs ends', async () => {
    const { host, emit, videos } = fakeHost({
      videos: [makeVideo({ status: 'processing' }), makeVideo({ id: 'v2', title: 'Bad', status: 'failed' })],
    });
    renderWithHost(host, <LibraryScreen />);
    const { useJobsStore } = await import('../jobs/jobs-store.js');
    useJobsStore.setState({ jobs: {} });
    host.jobs.subscribe(useJobsStore.getState().receive);
    const badges = async () =>
      (await screen.findAllByTestId('video-status')).map((b) => [
        b.textContent,
        b.getAttribute('data-status'),
      ]);
    expect(await badges()).toEqual([
      ['Finding clips', 'processing'],
      ['Failed', 'failed'],
    ]);
    // The host finished the segment stage: its list now says ready.
    videos[0] = makeVideo({ status: 'ready' });
    const calls = host.library.list.mock.calls.length;
    act(() =>
      emit({ jobId: 'j9', videoId: 'v1', stage: 'segment', status: 'done', fraction: 1, etaSec: null }),
    );
    await waitFor(() => expect(host.library.list.mock.calls.length).toBeGreaterThan(calls));
    await waitFor(async () => expect((await badges())[0]).toEqual(['Ready', 'ready']));
  });
});

describe('activeJobsOf', () => {
  const job = (jobId: string, videoId: string, status: string) => ({ jobId, videoId, status });
  it.each([
    { name: 'all done: none shown', jobs: [job('a', 'v1', 'done'), job('b', 'v1', 'done')], shown: [] },
    {
      name: 'one still running: all of the video’s shown',
      jobs: [job('a', 'v1', 'done'), job('b', 'v1', 'running'), job('c', 'v2', 'running')],
      shown: ['a', 'b'],
    },
    { name: 'a failure stays', jobs: [job('a', 'v1', 'done'), job('b', 'v1', 'failed')], shown: ['a', 'b'] },
  ])('$name', ({ jobs, shown }) => {
    expect(activeJobsOf(jobs, 'v1').map((j) => j.jobId)).toEqual(shown);
  });
});
