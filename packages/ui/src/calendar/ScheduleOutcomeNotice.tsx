import type { ReactNode } from 'react';
import { PUBLISH_PLATFORM_LABELS } from '@kirinuki/contracts';
import type { ScheduleOutcome } from '../api/api-types.js';
import { useT } from '../i18n/use-t.js';
import { formatWhen } from './calendar-format.js';

/** What scheduling made: how many posts for when, on which platforms, and the limits it warned of. */
export function ScheduleOutcomeNotice({
  outcome,
  zone,
  onDismiss,
  children,
}: {
  outcome: ScheduleOutcome;
  zone: string | null;
  onDismiss(): void;
  children?: ReactNode;
}) {
  const { t, locale } = useT();
  return (
    <div className="notice calendar-outcome" role="status" data-testid="schedule-outcome">
      <span>
        {t('calendar.scheduled', {
          count: outcome.posts.length,
          platforms: outcome.posts.map((p) => PUBLISH_PLATFORM_LABELS[p.platform]).join(', '),
          time: outcome.posts[0]?.at && zone ? formatWhen(outcome.posts[0].at, zone, locale) : '',
        })}
      </span>
      {outcome.warnings.length ? (
        <ul className="issue-list" data-testid="schedule-warnings">
          {outcome.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}
      {children}
      <button type="button" className="btn btn-small" onClick={onDismiss}>
        {t('error.dismiss')}
      </button>
    </div>
  );
}
