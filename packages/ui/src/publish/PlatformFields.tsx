import { PUBLISH_PLATFORM_LABELS, type PublishPlatform } from '@kirinuki/contracts';
import type { ConnectedAccount } from '../api/api-types.js';
import type { UserFacingProblem } from '../api/user-facing-error.js';
import { ProblemNotice } from '../app/ProblemNotice.js';
import { formatNumber } from '../i18n/format.js';
import { useT } from '../i18n/use-t.js';
import { AccountAvatar } from '../settings/AccountAvatar.js';
import { CountedText } from './CountedText.js';
import { countInstagramCaption, countXText } from './post-text-limits.js';
import type { LimitsState, PlatformForm } from './publish-form.js';
import { TikTokFields } from './TikTokFields.js';
import { YouTubeFields } from './YouTubeFields.js';

/** One chosen platform: which account, what the platform says it accepts, and its own fields. */
export function PlatformFields({
  platform,
  accounts,
  form,
  limits,
  problem,
  clipDuration,
  onEdit,
  onRetryLimits,
}: {
  platform: PublishPlatform;
  /** The platform's accounts that can post now. */
  accounts: readonly ConnectedAccount[];
  form: PlatformForm;
  limits: LimitsState | undefined;
  problem: UserFacingProblem | null;
  clipDuration: number;
  onEdit(edit: Partial<PlatformForm>): void;
  onRetryLimits(): void;
}) {
  const { t, locale } = useT();
  const label = PUBLISH_PLATFORM_LABELS[platform];
  const account = accounts.find((a) => a.id === form.accountId);
  const ready = limits?.state === 'ready' ? limits.limits : null;
  // TikTok asks apps to show the creator's nickname from creator_info beside the post.
  const postingAs = ready?.creatorName || account?.name;
  return (
    <fieldset className="platform-fields" data-testid={`fields-${platform}`} data-platform={platform}>
      <legend>{label}</legend>
      <div className="row">
        {accounts.length > 1 ? (
          <label className="row">
            {t('publish.account')}
            <select
              data-testid={`account-${platform}`}
              value={form.accountId ?? ''}
              onChange={(e) => onEdit({ accountId: e.target.value })}
            >
              {accounts.map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </label>
        ) : account ? (
          <AccountAvatar account={account} />
        ) : null}
        {postingAs ? (
          <span data-testid={`posting-as-${platform}`}>{t('publish.postingAs', { name: postingAs })}</span>
        ) : null}
        {ready?.quota ? (
          <span className="muted">
            {t('publish.instagram.quota', { used: ready.quota.used, total: ready.quota.total })}
          </span>
        ) : null}
      </div>
      {!limits || limits.state === 'loading' ? (
        <p className="muted" role="status">
          {t('publish.loadingLimits', { platform: label })}
        </p>
      ) : null}
      {limits?.state === 'failed' ? (
        <div className="stack">
          {problem ? <ProblemNotice problem={problem} /> : null}
          <button
            type="button"
            className="btn btn-small"
            style={{ alignSelf: 'start' }}
            onClick={onRetryLimits}
          >
            {t('post.retry')}
          </button>
        </div>
      ) : null}
      {ready && clipDuration > ready.maxDurationSec ? (
        <p className="field-error">
          {t('publish.maxDuration', {
            max: formatNumber(ready.maxDurationSec, locale),
            duration: formatNumber(clipDuration, locale, 1),
          })}
        </p>
      ) : null}
      {ready && platform === 'tiktok' ? <TikTokFields form={form} limits={ready} onEdit={onEdit} /> : null}
      {ready && platform === 'youtube' ? <YouTubeFields form={form} limits={ready} onEdit={onEdit} /> : null}
      {ready && platform === 'x' ? (
        <CountedText
          label={t('publish.x.text')}
          value={form.text}
          onChange={(text) => onEdit({ text })}
          counts={[countXText(form.text)]}
          help={t('publish.x.help')}
          testId="text-x"
        />
      ) : null}
      {ready && platform === 'instagram' ? <InstagramCaption form={form} onEdit={onEdit} /> : null}
    </fieldset>
  );
}

function InstagramCaption({
  form,
  onEdit,
}: {
  form: PlatformForm;
  onEdit(edit: Partial<PlatformForm>): void;
}) {
  const { t, locale } = useT();
  const counted = countInstagramCaption(form.text);
  return (
    <CountedText
      label={t('publish.caption')}
      value={form.text}
      onChange={(text) => onEdit({ text })}
      counts={[
        counted.chars,
        {
          ...counted.hashtags,
          label: t('publish.instagram.hashtags', {
            used: formatNumber(counted.hashtags.used, locale),
            max: formatNumber(counted.hashtags.max, locale),
          }),
        },
      ]}
      help={t('publish.instagram.added')}
      testId="text-instagram"
    />
  );
}
