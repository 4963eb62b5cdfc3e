import type { PlatformLimits } from '../api/api-types.js';
import { useT } from '../i18n/use-t.js';
import type { MessageKey } from '../i18n/messages-en.js';
import { CountedText } from './CountedText.js';
import { countTikTokCaption } from './post-text-limits.js';
import { privacyOptions, type PlatformForm } from './publish-form.js';
import { PrivacySelect } from './PrivacySelect.js';

const INTERACTIONS = [
  { field: 'allowComments', disabled: 'commentsDisabled', label: 'publish.tiktok.comments' },
  { field: 'allowDuet', disabled: 'duetDisabled', label: 'publish.tiktok.duet' },
  { field: 'allowStitch', disabled: 'stitchDisabled', label: 'publish.tiktok.stitch' },
] as const satisfies ReadonlyArray<{
  field: keyof PlatformForm;
  disabled: keyof PlatformLimits;
  label: MessageKey;
}>;

/**
 * TikTok's fields as its content sharing guidelines ask: the creator's name, privacy from
 * creator_info with none chosen, interactions unticked (and greyed where the creator turned them
 * off), the commercial content disclosure, and the declaration the user agrees to by posting.
 */
export function TikTokFields({
  form,
  limits,
  onEdit,
}: {
  form: PlatformForm;
  limits: PlatformLimits;
  onEdit(edit: Partial<PlatformForm>): void;
}) {
  const { t } = useT();
  const branded = form.commercial && form.brandedContent;
  return (
    <>
      <PrivacySelect
        platform="tiktok"
        options={privacyOptions('tiktok', limits) ?? []}
        value={form.privacy}
        onChange={(privacy) => onEdit({ privacy })}
        disabledChoices={branded ? ['private'] : []}
        note={branded ? t('publish.tiktok.brandedNotPrivate') : null}
      />
      <CountedText
        label={t('publish.caption')}
        value={form.text}
        onChange={(text) => onEdit({ text })}
        counts={[countTikTokCaption(form.text)]}
        testId="text-tiktok"
      />
      <fieldset className="choice-group">
        <legend>{t('publish.tiktok.interactions')}</legend>
        {INTERACTIONS.map(({ field, disabled, label }) => {
          const off = limits[disabled] === true;
          return (
            <label key={field} className="checkbox-label">
              <input
                type="checkbox"
                data-testid={`tiktok-${field}`}
                checked={!off && form[field]}
                disabled={off}
                onChange={(e) => onEdit({ [field]: e.target.checked })}
              />
              {t(label)}
              {off ? <span className="muted"> · {t('publish.tiktok.disabledByCreator')}</span> : null}
            </label>
          );
        })}
      </fieldset>
      <fieldset className="choice-group">
        <legend className="visually-hidden">{t('publish.tiktok.commercial')}</legend>
        <label className="checkbox-label">
          <input
            type="checkbox"
            role="switch"
            data-testid="tiktok-commercial"
            checked={form.commercial}
            onChange={(e) => onEdit({ commercial: e.target.checked })}
          />
          <strong>{t('publish.tiktok.commercial')}</strong>
        </label>
        <span className="muted field-hint">{t('publish.tiktok.commercialHelp')}</span>
        {form.commercial ? (
          <div className="stack commercial-kinds">
            <label className="checkbox-label">
              <input
                type="checkbox"
                data-testid="tiktok-yourBrand"
                checked={form.yourBrand}
                onChange={(e) => onEdit({ yourBrand: e.target.checked })}
              />
              <span>
                {t('publish.tiktok.yourBrand')}
                <br />
                <span className="muted field-hint">{t('publish.tiktok.yourBrandHelp')}</span>
              </span>
            </label>
            <label className="checkbox-label">
              <input
                type="checkbox"
                data-testid="tiktok-brandedContent"
                checked={form.brandedContent}
                onChange={(e) =>
                  // Branded content cannot be private: a private choice made before is undone.
                  onEdit({
                    brandedContent: e.target.checked,
                    ...(e.target.checked && form.privacy === 'private' ? { privacy: null } : {}),
                  })
                }
              />
              <span>
                {t('publish.tiktok.brandedContent')}
                <br />
                <span className="muted field-hint">{t('publish.tiktok.brandedContentHelp')}</span>
              </span>
            </label>
          </div>
        ) : null}
      </fieldset>
      <p className="muted field-hint" data-testid="tiktok-consent">
        {t(branded ? 'publish.tiktok.consentBranded' : 'publish.tiktok.consent')}
      </p>
    </>
  );
}
