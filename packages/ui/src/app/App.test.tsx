import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import type { ProgressEvent } from '../api/api-types.js';
import { describe, expect, it } from 'vitest';
import { fakeHost, makeVideo } from '../test-support/fake-host.js';
import { renderWithHost } from '../test-support/render-app.js';
import { App } from './App.js';

describe('App shell', () => {
  it('navigates between the five screens', async () => {
    const { host } = fakeHost({ videos: [makeVideo()] });
    renderWithHost(host, <App />);
    expect(await screen.findByRole('heading', { level: 1, name: 'Library' })).toBeTruthy();
    for (const [nav, heading] of [
      ['nav-board', 'Review board'],
      ['nav-calendar', 'Calendar'],
      ['nav-jobs', 'Jobs'],
      ['nav-settings', 'Settings'],
      ['nav-library', 'Library'],
    ]) {
      fireEvent.click(screen.getByTestId(nav!));
      expect(await screen.findByRole('heading', { level: 1, name: heading })).toBeTruthy();
      expect(screen.getByTestId(nav!).getAttribute('aria-current')).toBe('page');
    }
  });

  it('switches to Japanese, with localised labels, numbers and dates', async () => {
    const { host } = fakeHost({ videos: [makeVideo()] });
    renderWithHost(host, <App />);
    await screen.findAllByTestId('video-row');
    fireEvent.change(screen.getByTestId('locale-select'), { target: { value: 'ja' } });
    expect(document.documentElement.lang).toBe('ja');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('ライブラリ');
    const row = screen.getByTestId('video-row').textContent!;
    expect(row).toContain('1時間2分');
    expect(row).toContain('2026/11/28');
    expect(screen.getByTestId('import-submit').textContent).toBe('取り込む');
  });

  it('shows the queue’s jobs on opening, without overriding live reports', async () => {
    const { host, emit } = fakeHost({ videos: [makeVideo()] });
    let release: (events: ProgressEvent[]) => void = () => {};
    const listed = new Promise<ProgressEvent[]>((resolve) => (release = resolve));
    const withList = { ...host, jobs: { ...host.jobs, list: () => listed } };
    renderWithHost(withList, <App />);
    await screen.findAllByTestId('video-row');
    act(() =>
      emit({ jobId: 'j2', videoId: 'v1', stage: 'transcribe', status: 'running', fraction: 0.5, etaSec: 3 }),
    );
    await act(async () =>
      release([
        { jobId: 'j1', videoId: 'v1', stage: 'ingest', status: 'done', fraction: 1, etaSec: null },
        { jobId: 'j2', videoId: 'v1', stage: 'transcribe', status: 'queued', fraction: 0, etaSec: null },
      ]),
    );
    const bars = screen.getAllByTestId('job-progress').map((el) => el.getAttribute('data-status'));
    expect(bars.sort()).toEqual(['done', 'running']);
  });

  it('applies the chosen theme to the document', async () => {
    const { host } = fakeHost();
    renderWithHost(host, <App />);
    fireEvent.change(screen.getByTestId('theme-select'), { target: { value: 'dark' } });
    expect(document.documentElement.dataset.theme).toBe('dark');
    fireEvent.change(screen.getByTestId('theme-select'), { target: { value: 'light' } });
    expect(document.documentElement.dataset.theme).toBe('light');
  });

  it('shows the library folder and stores an OpenAI key without reading it back', async () => {
    const { host } = fakeHost();
    renderWithHost(host, <App />);
    fireEvent.click(screen.getByTestId('nav-settings'));
    // The folder arrives from the host after the first paint ('…' until then).
    await waitFor(() => expect(screen.getByTestId('settings-library').textContent).toBe('/home/me/Kirinuki'));
    fireEvent.change(await screen.findByTestId('openai-key-input'), { target: { value: 'sk-test' } });
    fireEvent.submit(screen.getByTestId('openai-key-input').closest('form')!);
    expect(host.settings.setSecret).toHaveBeenCalledWith('openaiApiKey', 'sk-test');
    expect((screen.getByTestId('openai-key-input') as HTMLInputElement).value).toBe('');
  });
});
