import { useCallback, useEffect, useState } from 'react';
import type { AppSettings, Health, SystemReport } from '../api/api-types.js';
import { toUserFacingProblem, type UserFacingProblem } from '../api/user-facing-error.js';
import { useHost } from '../app/gateways-context.js';
import { ProblemNotice } from '../app/ProblemNotice.js';
import { PLATFORMS } from '../editor/clip-presets.js';
import { PresetOptions } from '../editor/PresetOptions.js';
import { formatBytes } from '../i18n/format.js';
import { useT } from '../i18n/use-t.js';
import { AccountsSection } from './AccountsSection.js';
import { clientIdsOf, instagramRedirectOf } from './developer-app.js';
import { ModelDownload } from './ModelDownload.js';
import { NotificationSettings } from './NotificationSettings.js';
import { OpenAiKeyField } from './OpenAiKeyField.js';

const GB = 1024 ** 3;

export function SettingsScreen() {
  const { t, locale } = useT();
  const { settings: gateway } = useHost();
  const [data, setData] = useState<AppSettings | null>(null);
  const [health, setHealth] = useState<Health | null>(null);
  const [system, setSystem] = useState<SystemReport | null>(null);
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
  // Probing providers and hashing models takes a moment: asked once, and again after a change.
  const loadSystem = useCallback(() => {
    gateway.system().then(setSystem, () => setSystem(null));
  }, [gateway]);
  useEffect(() => loadSystem(), [loadSystem]);
  const save = (action: Promise<void>) => {
    setProblem(null);
    setStatus(null);
    action.then(
      () => (setStatus(t('settings.saved')), reload(), loadSystem()),
      (error: unknown) => setProblem(toUserFacingProblem(error)),
    );
  };

  const whisperModels = (system?.models ?? []).filter((m) => m.transcription);
  const languagesOf = (model: string, current: string) => {
    const languages = whisperModels.find((m) => m.id === model)?.languages ?? [];
    // A multilingual model can also identify the language itself.
    const known = languages.length > 1 ? ['auto', ...languages] : languages;
    return known.includes(current) ? known : [current, ...known];
  };
  // The bundled model writes English only: say how to get the others (a Japanese UI starts here).
  const englishOnly =
    (whisperModels.find((m) => m.id === data?.settings.asrModel)?.languages.length ?? 0) === 1;
  const readyMultilingual = whisperModels.filter((m) => m.ready && m.languages.length > 1);
  const names = new Intl.DisplayNames([locale], { type: 'language', fallback: 'code' });
  const languageName = (code: string) => {
    if (code === 'auto') return t('settings.asrLanguage.auto');
    const name = names.of(code === 'jw' ? 'jv' : code);
    return name && name !== code ? `${name} (${code})` : code;
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
            <label htmlFor="asr-backend">{t('settings.asrBackend')}</label>
            <select
              id="asr-backend"
              data-testid="settings-asr-backend"
              value={data.settings.asrBackend}
              onChange={(e) => save(gateway.set('asrBackend', e.target.value))}
            >
              <option value="local">{t('settings.asrBackend.local')}</option>
              <option value="openai">{t('settings.asrBackend.openai')}</option>
            </select>
            <label htmlFor="asr-model">{t('settings.asrModel')}</label>
            <select
              id="asr-model"
              data-testid="settings-asr-model"
              value={data.settings.asrModel}
              disabled={data.settings.asrBackend !== 'local'}
              onChange={(e) => {
                const model = whisperModels.find((m) => m.id === e.target.value);
                // A language the new model lacks falls back to its first (English for tiny.en).
                const language = model?.languages.includes(data.settings.asrLanguage)
                  ? null
                  : (model?.languages[0] ?? null);
                save(
                  gateway
                    .set('asrModel', e.target.value)
                    .then(() => (language ? gateway.set('asrLanguage', language) : undefined)),
                );
              }}
            >
              {whisperModels.length === 0 ? (
                <option value={data.settings.asrModel}>{data.settings.asrModel}</option>
              ) : null}
              {whisperModels.map((m) => (
                <option key={m.id} value={m.id} disabled={!m.ready && m.id !== data.settings.asrModel}>
                  {m.id}
                  {m.ready ? '' : ` (${t('settings.models.notDownloaded')})`}
                </option>
              ))}
            </select>
            <label htmlFor="asr-language">{t('settings.asrLanguage')}</label>
            <select
              id="asr-language"
              data-testid="settings-asr-language"
              value={data.settings.asrLanguage}
              disabled={data.settings.asrBackend !== 'local'}
              onChange={(e) => save(gateway.set('asrLanguage', e.target.value))}
            >
              {languagesOf(data.settings.asrModel, data.settings.asrLanguage).map((code) => (
                <option key={code} value={code}>
                  {languageName(code)}
                </option>
              ))}
            </select>
            {englishOnly && data.settings.asrBackend === 'local' ? (
              <>
                <span />
                <p className="muted" data-testid="settings-asr-language-hint" style={{ margin: 0 }}>
                  {readyMultilingual.length
                    ? t('settings.asrLanguage.chooseMultilingual', {
                        model: data.settings.asrModel,
                        models: readyMultilingual.map((m) => m.id).join(', '),
                      })
                    : t('settings.asrLanguage.downloadMultilingual', { model: data.settings.asrModel })}
                </p>
              </>
            ) : null}
            <label htmlFor="force-cpu">{t('settings.forceCpu')}</label>
            <input
              id="force-cpu"
              data-testid="settings-force-cpu"
              type="checkbox"
              style={{ justifySelf: 'start' }}
              checked={data.settings.forceCpu}
              onChange={(e) => save(gateway.set('forceCpu', e.target.checked))}
            />
            <label htmlFor="threads">{t('settings.threads')}</label>
            <input
              id="threads"
              type="number"
              min={0}
              max={256}
              step={1}
              defaultValue={data.settings.threads}
              key={`threads-${data.settings.threads}`}
              onBlur={(e) => {
                const n = Number(e.target.value);
                if (Number.isInteger(n) && n >= 0 && n !== data.settings.threads)
                  save(gateway.set('threads', n));
              }}
            />
            <label htmlFor="platform">{t('settings.platform')}</label>
            <select
              id="platform"
              value={data.settings.platform}
              onChange={(e) => save(gateway.set('platform', e.target.value))}
            >
              <PresetOptions presets={PLATFORMS} current={data.settings.platform} />
            </select>
            <label htmlFor="clip-count">{t('settings.clipCount')}</label>
            <input
              id="clip-count"
              type="number"
              min={1}
              max={50}
              step={1}
              defaultValue={data.settings.clipCount}
              key={`count-${data.settings.clipCount}`}
              onBlur={(e) => {
                const n = Number(e.target.value);
                if (Number.isInteger(n) && n >= 1 && n <= 50 && n !== data.settings.clipCount)
                  save(gateway.set('clipCount', n));
              }}
            />
            <label htmlFor="llm-rerank">{t('settings.llmRerank')}</label>
            <input
              id="llm-rerank"
              data-testid="settings-llm-rerank"
              type="checkbox"
              style={{ justifySelf: 'start' }}
              checked={data.settings.llmRerank}
              onChange={(e) => save(gateway.set('llmRerank', e.target.checked))}
            />
            <label htmlFor="cloud-vision">{t('settings.cloudVision')}</label>
            <input
              id="cloud-vision"
              data-testid="settings-cloud-vision"
              type="checkbox"
              style={{ justifySelf: 'start' }}
              checked={data.settings.cloudVision}
              onChange={(e) => save(gateway.set('cloudVision', e.target.checked))}
            />
            <span>{t('settings.openai')}</span>
            <OpenAiKeyField
              stored={data.secrets.openaiApiKey}
              onSave={(value) => save(gateway.setSecret('openaiApiKey', value))}
            />
          </>
        ) : null}
        <span>{t('settings.gpu')}</span>
        <span data-testid="settings-gpu">
          {system ? (
            <>
              {system.gpu?.length
                ? system.gpu.map((g) => `${g.name} (${g.memoryMiB} MiB)`).join(', ')
                : t('settings.gpu.none')}
              <br />
              <span className="muted">
                {t('settings.gpu.asr', {
                  provider: system.asr.provider.toUpperCase(),
                  reason: system.asr.reason,
                })}
              </span>
            </>
          ) : (
            '…'
          )}
        </span>
        <span>{t('settings.models')}</span>
        <ul data-testid="settings-models" style={{ margin: 0, paddingLeft: '1.2rem' }}>
          {system
            ? system.models.map((m) => (
                <li key={m.id} data-model={m.id} data-ready={m.ready} className="stack">
                  <span>
                    <code>{m.id}</code> · {formatBytes(m.sizeBytes, locale)} ·{' '}
                    {m.ready
                      ? t('settings.models.ready')
                      : m.downloadable
                        ? t('settings.models.notDownloaded')
                        : t('settings.models.prepare')}
                  </span>
                  {!m.ready && m.downloadable ? <ModelDownload id={m.id} onInstalled={loadSystem} /> : null}
                </li>
              ))
            : '…'}
        </ul>
      </div>
      {data ? (
        <AccountsSection
          clientIds={clientIdsOf(data.settings)}
          instagramRedirect={instagramRedirectOf(data.settings)}
          onAppSaved={() => void reload()}
        />
      ) : null}
      {data ? (
        <NotificationSettings
          value={data.settings['notifications.os']}
          onChange={(value) => save(gateway.set('notifications.os', value))}
        />
      ) : null}
    </div>
  );
}
