import { useEffect, useMemo, useRef, useState } from 'react';
import { PUBLISH_PLATFORM_LABELS, type PublishPlatform } from '@kirinuki/contracts';
import type { Clip, ConnectedAccount, Post, ScheduleOutcome } from '../api/api-types.js';
import { toUserFacingProblem, type UserFacingProblem } from '../api/user-facing-error.js';
import { useHost } from '../app/gateways-context.js';
import { ProblemNotice } from '../app/ProblemNotice.js';
import type { MessageKey } from '../i18n/messages-en.js';
import { useT } from '../i18n/use-t.js';
import { PlatformFields } from './PlatformFields.js';
import { PlatformPicker } from './PlatformPicker.js';
import { PostProgressList } from './PostProgressList.js';
import {
  editFields,
  formIssues,
  initialForm,
  newIdempotencyKey,
  postedText,
  toggleChosen,
  toPublishRequest,
  usableAccounts,
  type LimitsState,
  type PublishForm,
} from './publish-form.js';
import { PublishPreview } from './PublishPreview.js';
import { ScheduleWhen, whenFieldsOf, whenOf, type WhenFields } from './ScheduleWhen.js';
import { usePlatformLimits } from './use-platform-limits.js';

/** The panel scheduling instead of publishing now: a time to start from, in the calendar's zone. */
export interface ScheduleMode {
  at: string;
  zone: string;
  onScheduled(outcome: ScheduleOutcome): void;
}

/**
 * Publishing one clip: where to (platforms with a connected account), each platform's own fields
 * from what it accepts now, a preview, then one publish request and each post's progress. With
 * `schedule`, a time too, and the request waits for it (the caller shows what it made).
 */
export function PublishPanel({
  clip,
  onOpenSettings,
  schedule,
}: {
  clip: Clip;
  onOpenSettings(): void;
  schedule?: ScheduleMode | undefined;
}) {
  const { t } = useT();
  const { accounts: accountsGateway, posts: postsGateway } = useHost();
  const [accounts, setAccounts] = useState<ConnectedAccount[] | null>(null);
  const [form, setForm] = useState<PublishForm | null>(null);
  const [problem, setProblem] = useState<UserFacingProblem | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [posts, setPosts] = useState<Post[] | null>(null);
  // One key for this panel's publish: a second click, or a resend after a lost answer, posts nothing twice.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const inFlight = useRef(false);
  const [when, setWhen] = useState<WhenFields | null>(() =>
    schedule ? whenFieldsOf(schedule.at, schedule.zone) : null,
  );

  useEffect(() => {
    let live = true;
    accountsGateway.list().then(
      (list) => live && (setAccounts(list), setForm(initialForm(clip, list))),
      (error: unknown) => live && (setAccounts([]), setProblem(toUserFacingProblem(error))),
    );
    return () => {
      live = false;
    };
    // The form starts once, from the clip as it was when the panel opened.
  }, [accountsGateway]);

  const chosenAccounts = (form?.chosen ?? []).map((p) => form?.fields[p].accountId ?? '').filter(Boolean);
  const { byAccount, retry: retryLimits } = usePlatformLimits(chosenAccounts);
  const limits = useMemo(() => {
    const out: Partial<Record<PublishPlatform, LimitsState>> = {};
    for (const platform of form?.chosen ?? []) {
      const id = form?.fields[platform].accountId;
      const state = id ? byAccount[id] : undefined;
      if (state) out[platform] = state;
    }
    return out;
  }, [form, byAccount]);

  if (posts) return <PostProgressList initial={posts} />;
  if (!form || !accounts)
    return (
      <div className="stack">
        {problem ? <ProblemNotice problem={problem} /> : <p className="muted">{t('accounts.loading')}</p>}
      </div>
    );

  const { byPlatform, ready: formReady } = formIssues(form, limits, clip);
  const at = schedule && when ? whenOf(when, schedule.zone) : null;
  const ready = formReady && (!at || at.iso !== null);
  const submit = () => {
    if (!ready || inFlight.current) return;
    inFlight.current = true;
    setSubmitting(true);
    setProblem(null);
    const request = toPublishRequest(clip.id, form, limits, idempotencyKey);
    const sent =
      schedule && at?.iso
        ? postsGateway.schedule({ ...request, at: at.iso }).then(schedule.onScheduled)
        : postsGateway.publish(request).then(setPosts);
    sent
      .catch((error: unknown) => setProblem(toUserFacingProblem(error)))
      .finally(() => ((inFlight.current = false), setSubmitting(false)));
  };
  const remaining = form.chosen.flatMap((platform) =>
    (byPlatform[platform] ?? [])
      .filter((issue) => issue !== 'limits-pending')
      .map((issue) => ({ platform, issue })),
  );
  return (
    <form
      className="publish-panel"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <div className="publish-fields stack">
        {clip.status === 'proposed' ? <p className="notice">{t('publish.proposedNote')}</p> : null}
        {schedule && when ? (
          <ScheduleWhen
            fields={when}
            zone={schedule.zone}
            issue={at?.issue ? t(`schedule.issue.${at.issue}`) : null}
            onChange={setWhen}
          />
        ) : null}
        <PlatformPicker
          accounts={accounts}
          chosen={form.chosen}
          onToggle={(platform, on) => setForm(toggleChosen(form, platform, on))}
          onOpenSettings={onOpenSettings}
        />
        {form.chosen.map((platform) => {
          const accountId = form.fields[platform].accountId;
          return (
            <PlatformFields
              key={platform}
              platform={platform}
              accounts={usableAccounts(accounts, platform)}
              form={form.fields[platform]}
              limits={limits[platform]}
              problem={(accountId && byAccount[accountId]?.problem) || null}
              clipDuration={clip.duration}
              onEdit={(edit) => setForm((f) => f && editFields(f, platform, edit))}
              onRetryLimits={() => accountId && retryLimits(accountId)}
            />
          );
        })}
        {problem ? <ProblemNotice problem={problem} onDismiss={() => setProblem(null)} /> : null}
        <div className="publish-submit stack">
          {form.chosen.length === 0 ? <p className="muted">{t('publish.choosePlatform')}</p> : null}
          {remaining.length ? (
            <div data-testid="publish-remaining">
              <span className="muted">{t('publish.remaining')}</span>
              <ul className="issue-list">
                {remaining.map(({ platform, issue }) => (
                  <li key={`${platform}-${issue}`}>
                    {PUBLISH_PLATFORM_LABELS[platform]}: {t(`publish.issue.${issue}` as MessageKey)}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
          <button
            type="submit"
            className="btn btn-primary"
            data-testid="publish-submit"
            disabled={!ready || submitting}
            style={{ alignSelf: 'start' }}
          >
            {t(
              schedule
                ? submitting
                  ? 'schedule.submitting'
                  : 'schedule.submit'
                : submitting
                  ? 'publish.submitting'
                  : 'publish.submit',
              { count: Math.max(1, form.chosen.length) },
            )}
          </button>
        </div>
      </div>
      <PublishPreview
        clip={clip}
        texts={form.chosen.map((platform) => ({
          platform,
          ...postedText(platform, form.fields[platform], clip),
        }))}
      />
    </form>
  );
}
