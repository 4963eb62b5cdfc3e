import { localParts, localTime } from '../calendar/calendar-model.js';
import { formatZone } from '../calendar/calendar-format.js';
import { useT } from '../i18n/use-t.js';

/** When a scheduled post goes out: a local date and time in the calendar's zone. */
export interface WhenFields {
  date: string;
  time: string;
}

export const whenFieldsOf = (iso: string, zone: string): WhenFields => {
  const { day, hour, minute } = localParts(iso, zone);
  return { date: day, time: `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}` };
};

/** The fields as one instant (ISO with the zone's offset), or why they name none. */
export function whenOf(
  fields: WhenFields,
  zone: string,
  now: number = Date.now(),
): { iso: string; issue: null } | { iso: null; issue: 'when-invalid' | 'when-skipped' | 'when-past' } {
  const match = /^(\d{2}):(\d{2})$/.exec(fields.time);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(fields.date) || !match) return { iso: null, issue: 'when-invalid' };
  const { iso, exists } = localTime(fields.date, Number(match[1]), Number(match[2]), zone);
  if (!exists) return { iso: null, issue: 'when-skipped' };
  if (Date.parse(iso) <= now) return { iso: null, issue: 'when-past' };
  return { iso, issue: null };
}

export function ScheduleWhen({
  fields,
  zone,
  issue,
  onChange,
}: {
  fields: WhenFields;
  zone: string;
  issue: string | null;
  onChange(fields: WhenFields): void;
}) {
  const { t, locale } = useT();
  return (
    <fieldset className="schedule-when" data-testid="schedule-when">
      <legend>{t('schedule.when')}</legend>
      <div className="row">
        <label className="row">
          <span>{t('schedule.date')}</span>
          <input
            type="date"
            data-testid="schedule-date"
            value={fields.date}
            onChange={(e) => onChange({ ...fields, date: e.target.value })}
          />
        </label>
        <label className="row">
          <span>{t('schedule.time')}</span>
          <input
            type="time"
            data-testid="schedule-time"
            step={60}
            value={fields.time}
            onChange={(e) => onChange({ ...fields, time: e.target.value })}
          />
        </label>
        <span className="muted" data-testid="schedule-zone">
          {t('calendar.zone', { zone: formatZone(zone, locale) })}
        </span>
      </div>
      {issue ? (
        <p className="field-issue" role="status">
          {issue}
        </p>
      ) : null}
    </fieldset>
  );
}
