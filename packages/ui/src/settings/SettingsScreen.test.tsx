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
    expect(host.settings.downloadModel).toHaveBeenCalledWith('whisper-base', undefined);
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

  it('installs a model from a folder on the host, typed or chosen with its picker', async () => {
    const { host } = fakeHost();
    host.desktop.chooseFolder.mockResolvedValueOnce('/media/usb/whisper-base');
    renderWithHost(host, <SettingsScreen />);
    const row = (await screen.findAllByTestId('model-download')).find(
      (r) => r.getAttribute('data-model') === 'whisper-base',
    )!;
    fireEvent.click(within(row).getByText('From a folder…'));
    const install = within(row).getByRole('button', { name: 'Install from this folder' });
    expect(install).toHaveProperty('disabled', true); // nothing to install from yet
    fireEvent.click(await within(row).findByRole('button', { name: 'Choose…' }));
    const field = within(row).getByLabelText('Folder with the model files');
    await waitFor(() => expect(field).toHaveProperty('value', '/media/usb/whisper-base'));
    fireEvent.click(install);
    expect(host.settings.downloadModel).toHaveBeenCalledWith('whisper-base', {
      from: '/media/usb/whisper-base',
    });
    // the plain download button still downloads from the network
    fireEvent.click(within(row).getByRole('button', { name: 'Download whisper-base' }));
    expect(host.settings.downloadModel).toHaveBeenLastCalledWith('whisper-base', undefined);
  });

  it('says how to transcribe other languages while the model writes English only', async () => {
    const { host } = fakeHost();
    const report = await host.settings.system();
    renderWithHost(host, <SettingsScreen />);
    const hint = await screen.findByTestId('settings-asr-language-hint');
    expect(hint.textContent).toMatch(
      /whisper-tiny\.en-int8 writes English only.*download a multilingual model/,
    );
    // Once one is downloaded, the hint names it instead.
    host.settings.system.mockResolvedValue({
      ...report,
      models: report.models.map((m) => (m.id === 'whisper-base' ? { ...m, ready: true } : m)),
    });
    fireEvent.change(screen.getByTestId('settings-force-cpu'), { target: { checked: true } });
    fireEvent.click(screen.getByTestId('settings-force-cpu'));
    await waitFor(() =>
      expect(screen.getByTestId('settings-asr-language-hint').textContent).toMatch(
        /choose a multilingual model as the transcription model: whisper-base\./,
      ),
    );
  });

  it('picks the transcription model among the downloaded ones, and the language among its own', async () => {
    const { host } = fakeHost();
    const report = await host.settings.system();
    host.settings.system.mockResolvedValue({
      ...report,
      models: report.models.map((m) => (m.id === 'whisper-base' ? { ...m, ready: true } : m)),
    });
    renderWithHost(host, <SettingsScreen />);
    const model = await screen.findByTestId('settings-asr-model');
    await waitFor(() => expect(within(model).getAllByRole('option')).toHaveLength(2));
    // tiny.en knows English only
    const language = screen.getByTestId('settings-asr-language');
    expect(
      within(language)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['English (en)']);
    fireEvent.change(model, { target: { value: 'whisper-base' } });
    await waitFor(() => expect(host.settings.set).toHaveBeenCalledWith('asrModel', 'whisper-base'));
    expect(host.settings.set).toHaveBeenCalledTimes(1); // English is one of its languages: kept
  });

  it("lists a multilingual model's languages by name, and a model not downloaded cannot be picked", async () => {
    const { host } = fakeHost();
    const stored = await host.settings.get();
    host.settings.get.mockResolvedValue({
      ...stored,
      settings: { ...stored.settings, asrModel: 'whisper-base', asrLanguage: 'en' },
    });
    renderWithHost(host, <SettingsScreen />);
    const language = await screen.findByTestId('settings-asr-language');
    await waitFor(() =>
      expect(
        within(language)
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toEqual(['Detect automatically', 'English (en)', 'Japanese (ja)', 'German (de)']),
    );
    expect(screen.queryByTestId('settings-asr-language-hint')).toBeNull(); // a multilingual model: no hint
    fireEvent.change(language, { target: { value: 'ja' } });
    await waitFor(() => expect(host.settings.set).toHaveBeenCalledWith('asrLanguage', 'ja'));
    const model = screen.getByTestId('settings-asr-model');
    const tiny = within(model).getByRole('option', { name: 'whisper-tiny.en-int8' }) as HTMLOptionElement;
    expect(tiny.disabled).toBe(false);
    // whisper-base is the current choice (its files since removed): still shown, marked
    expect(within(model).getByRole('option', { name: /whisper-base \(not downloaded\)/ })).toBeTruthy();
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
