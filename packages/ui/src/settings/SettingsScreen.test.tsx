import { fireEvent, screen, waitFor } from '@testing-library/react';
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
    expect(models.querySelector('[data-model="whisper-base"]')!.textContent).toContain(
      'kirinuki models download whisper-base',
    );
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
