import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeHost } from '../test-support/fake-host.js';
import { renderWithHost } from '../test-support/render-app.js';
import { SettingsScreen } from './SettingsScreen.js';

describe('SettingsScreen', () => {
  it('shows what transcription runs on and which models are ready', async () => {
    const { host } = fakeHost();
    renderWithHost(host, <SettingsScreen />);
    await waitFor(() =>
      expect(screen.getByTestId('settings-gpu').textContent).toContain('No NVIDIA GPU found.'),
    );
    expect(screen.getByTestId('settings-gpu').textContent).toContain(
      'Transcription runs on CPU: no GPU provider loads here (tried cuda); running on CPU.',
    );
    const models = screen.getByTestId('settings-models');
    expect(models.querySelector('[data-model="whisper-tiny.en-int8"]')!.textContent).toContain('ready');
    expect(models.querySelector('[data-model="whisper-base"]')!.textContent).toContain('not downloaded');
  });

  it('downloads a model with progress, ETA and cancel, then lists it again', async () => {
    const { host, emit } = fakeHost();
    const { useJobsStore } = await import('../jobs/jobs-store.js');
    useJobsStore.setState({ jobs: {} });
    host.jobs.subscribe(useJobsStore.getState().receive);
    let finish!: () => void;
    host.settings.downloadModel.mockImplementationOnce(
      () => new Promise<void>((resolve) => (finish = resolve)),
    );
    renderWithHost(host, <SettingsScreen />);
    fireEvent.click(await screen.findByRole('button', { name: 'Download whisper-base' }));
    expect(host.settings.downloadModel).toHaveBeenCalledWith('whisper-base');
    const event = { jobId: 'download-whisper-base', videoId: null, stage: 'download' } as const;
    act(() => emit({ ...event, status: 'running', fraction: 0.4, etaSec: 90 }));
    const row = screen.getByTestId('model-download');
    await waitFor(() => expect(row.textContent).toContain('40%'));
    expect(row.textContent).toContain('1m 30s left');
    expect(screen.queryByRole('button', { name: 'Download whisper-base' })).toBeNull(); // not twice
    fireEvent.click(within(row).getByRole('button', { name: 'Cancel' }));
    expect(host.jobs.cancel).toHaveBeenCalledWith('download-whisper-base');
    act(() => emit({ ...event, status: 'done', fraction: 1, etaSec: 0 }));
    const reports = host.settings.system.mock.calls.length;
    act(() => finish());
    await waitFor(() => expect(host.settings.system.mock.calls.length).toBe(reports + 1));
  });

  it('saves the speech, CPU and re-rank settings on the host', async () => {
    const { host } = fakeHost();
    renderWithHost(host, <SettingsScreen />);
    fireEvent.change(await screen.findByTestId('settings-asr-backend'), { target: { value: 'openai' } });
    fireEvent.click(screen.getByTestId('settings-force-cpu'));
    fireEvent.click(screen.getByTestId('settings-llm-rerank'));
    await waitFor(() => expect(host.settings.set).toHaveBeenCalledTimes(3));
    expect(host.settings.set.mock.calls).toEqual([
      ['asrBackend', 'openai'],
      ['forceCpu', true],
      ['llmRerank', true],
    ]);
    // The machine report is asked again after a change (forceCpu changes what runs).
    await waitFor(() => expect(host.settings.system.mock.calls.length).toBeGreaterThan(1));
  });
});
