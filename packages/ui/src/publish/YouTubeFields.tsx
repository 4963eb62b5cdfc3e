import { useId } from 'react';
import type { PlatformLimits } from '../api/api-types.js';
import { useT } from '../i18n/use-t.js';
import { CountedText } from './CountedText.js';
import { countYouTubeDescription, countYouTubeTitle } from './post-text-limits.js';
import { privacyOptions, type PlatformForm } from './publish-form.js';
import { PrivacySelect } from './PrivacySelect.js';

/** YouTube's title and description (counted its way), privacy, and made-for-kids, which must be answered. */
export function YouTubeFields({
  form,
  limits,
  onEdit,
}: {
  form: PlatformForm;
  limits: PlatformLimits;
  onEdit(edit: Partial<PlatformForm>): void;
}) {
  const { t } = useT();
  const name = useId();
  return (
    <>
      <CountedText
        label={t('publish.youtube.title')}
        value={form.title}
        onChange={(title) => onEdit({ title })}
        counts={[countYouTubeTitle(form.title)]}
        multiline={false}
        testId="title-youtube"
      />
      <CountedText
        label={t('publish.youtube.description')}
        value={form.text}
        onChange={(text) => onEdit({ text })}
        counts={[countYouTubeDescription(form.text)]}
        unit="bytes"
        testId="text-youtube"
      />
      <PrivacySelect
        platform="youtube"
        options={privacyOptions('youtube', limits) ?? []}
        value={form.privacy}
        onChange={(privacy) => onEdit({ privacy })}
      />
      <fieldset className="choice-group" data-testid="youtube-made-for-kids">
        <legend>{t('publish.youtube.madeForKids')}</legend>
        {([true, false] as const).map((answer) => (
          <label key={String(answer)} className="checkbox-label">
            <input
              type="radio"
              name={name}
              checked={form.madeForKids === answer}
              onChange={() => onEdit({ madeForKids: answer })}
            />
            {t(answer ? 'publish.youtube.madeForKids.yes' : 'publish.youtube.madeForKids.no')}
          </label>
        ))}
        <span className="muted field-hint">{t('publish.youtube.madeForKidsHelp')}</span>
      </fieldset>
    </>
  );
}
