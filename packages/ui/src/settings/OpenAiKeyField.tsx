import { useState } from 'react';
import { useT } from '../i18n/use-t.js';

/** The key is write-only: the host says whether one is stored, never what it is. */
export function OpenAiKeyField({ stored, onSave }: { stored: boolean; onSave(value: string | null): void }) {
  const { t } = useT();
  const [value, setValue] = useState('');
  return (
    <form
      className="row"
      onSubmit={(e) => {
        e.preventDefault();
        if (!value.trim()) return;
        onSave(value.trim());
        setValue('');
      }}
    >
      <input
        type="password"
        autoComplete="off"
        aria-label={t('settings.openai')}
        data-testid="openai-key-input"
        value={value}
        placeholder="sk-…"
        onChange={(e) => setValue(e.target.value)}
      />
      <button type="submit" className="btn" disabled={!value.trim()}>
        {t('settings.openai.save')}
      </button>
      {stored ? (
        <button type="button" className="btn btn-danger" onClick={() => onSave(null)}>
          {t('settings.openai.clear')}
        </button>
      ) : null}
      <span className="muted">{stored ? t('settings.openai.set') : t('settings.openai.unset')}</span>
    </form>
  );
}
