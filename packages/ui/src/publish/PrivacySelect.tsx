import { useId } from 'react';
import type { PrivacyChoice, PublishPlatform } from '@kirinuki/contracts';
import { useT } from '../i18n/use-t.js';
import { privacyLabelKey, type PrivacyOption } from './privacy-label.js';

/** Who can view the post: only the options the platform offers now, and none chosen until the user picks. */
export function PrivacySelect({
  platform,
  options,
  value,
  onChange,
  disabledChoices = [],
  note,
}: {
  platform: PublishPlatform;
  options: readonly PrivacyOption[];
  value: PrivacyChoice | null;
  onChange(choice: PrivacyChoice): void;
  disabledChoices?: readonly PrivacyChoice[];
  note?: string | null;
}) {
  const { t } = useT();
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{t('publish.privacy')}</label>
      <select
        id={id}
        data-testid={`privacy-${platform}`}
        value={value ?? ''}
        aria-describedby={note ? `${id}-note` : undefined}
        onChange={(e) => e.target.value && onChange(e.target.value as PrivacyChoice)}
      >
        <option value="" disabled>
          {t('publish.privacy.choose')}
        </option>
        {options.map((option) => (
          <option
            key={option.choice}
            value={option.choice}
            disabled={disabledChoices.includes(option.choice)}
          >
            {t(privacyLabelKey(platform, option))}
          </option>
        ))}
      </select>
      {note ? (
        <span id={`${id}-note`} className="muted field-hint">
          {note}
        </span>
      ) : null}
    </div>
  );
}
