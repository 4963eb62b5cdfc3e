import { useCallback, useEffect, useState } from 'react';
import type { AppSettings, Health } from '../api/api-types.js';
import { toUserFacingProblem, type UserFacingProblem } from '../api/user-facing-error.js';
import { useHost } from '../app/gateways-context.js';
import { ProblemNotice } from '../app/ProblemNotice.js';
import { useT } from '../i18n/use-t.js';
import { OpenAiKeyField } from './OpenAiKeyField.js';

const GB = 1024 ** 3;

export function SettingsScreen() {
  const { t } = useT();
  const { settings: gateway } = useHost();
  const [data, setData] = useState<AppSettings | null>(null);
  const [health, setHealth] = useState<Health | null>(null);
  const [problem, setProblem] = useState<UserFacingProblem | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const reload = useCallback(async () => {
    try {
      const [settings, hostHealth] = await Promise.all([gateway.get(), gateway.health()]);
      setData(settings);
      setHealth(hostHealth);
    } catch (error) {
      setProblem(toUserFacingProblem(error));
    }
  }, [gateway]);
  useEffect(() => void reload(), [reload]);
  const save = (action: Promise<void>) => {
    setProblem(null);
    setStatus(null);
    action.then(
      () => (setStatus(t('settings.saved')), reload()),
      (error: unknown) => setProblem(toUserFacingProblem(error)),
    );
  };

  return (
    <div className="stack">
      <h1>{t('settings.heading')}</h1>
      {problem ? <ProblemNotice problem={problem} onDismiss={() => setProblem(null)} /> : null}
      {status ? (
        <p role="status" className="notice">
          {status}
        </p>
      ) : null}
      <div className="card settings-grid">
        <span>{t('settings.library')}</span>
        <code data-testid="settings-library">{health?.library ?? '…'}</code>
        <span>{t('settings.version')}</span>
        <span>{health ? `${health.version} (Node ${health.node})` : '…'}</span>
        {data ? (
          <>
            <label htmlFor="import-mode">{t('settings.importMode')}</label>
            <select
              id="import-mode"
              value={data.settings.importMode}
              onChange={(e) => save(gateway.set('importMode', e.target.value))}
            >
              <option value="copy">{t('settings.importMode.copy')}</option>
              <option value="link">{t('settings.importMode.link')}</option>
            </select>
            <label htmlFor="max-import">{t('settings.maxImport')}</label>
            <input
              id="max-import"
              type="number"
              min={0.1}
              step={0.1}
              defaultValue={Number((data.settings.maxImportBytes / GB).toFixed(2))}
              key={data.settings.maxImportBytes}
              onBlur={(e) => {
                const gb = Number(e.target.value);
                if (Number.isFinite(gb) && gb > 0 && Math.round(gb * GB) !== data.settings.maxImportBytes)
                  save(gateway.set('maxImportBytes', Math.round(gb * GB)));
              }}
            />
            <label htmlFor="allow-private">{t('settings.allowPrivateNetwork')}</label>
            <input
              id="allow-private"
              type="checkbox"
              style={{ justifySelf: 'start' }}
              checked={data.settings.allowPrivateNetwork}
              onChange={(e) => save(gateway.set('allowPrivateNetwork', e.target.checked))}
            />
            <span>{t('settings.openai')}</span>
            <OpenAiKeyField
              stored={data.secrets.openaiApiKey}
              onSave={(value) => save(gateway.setSecret('openaiApiKey', value))}
            />
          </>
        ) : null}
        <span>{t('settings.gpu')}</span>
        <span className="muted">{t('settings.gpu.unavailable')}</span>
        <span>{t('settings.models')}</span>
        <span className="muted">{t('settings.models.unavailable')}</span>
      </div>
    </div>
  );
}
