import { DateTime } from 'luxon';
import { PUBLISH_PLATFORM_LABELS, PUBLISH_PLATFORMS } from '@kirinuki/contracts';
import { useT } from '../i18n/use-t.js';
import { formatDayHead, formatHour } from '../calendar/calendar-format.js';
import { localTime, slotKey, todayIn, type DayKey } from '../calendar/calendar-model.js';
import { SlotCell } from '../calendar/SlotCell.js';
import { SUGGESTED_HOURS, suggestedFor } from '../calendar/suggested-slots.js';

/** Days the strip offers, from today on. */
export const STRIP_DAYS = 7;
/** The hours offered each day: every platform's suggested hours, in order. */
export const STRIP_HOURS: readonly number[] = [
  ...new Set(PUBLISH_PLATFORMS.flatMap((p) => SUGGESTED_HOURS[p])),
].sort((a, b) => a - b);

/** The id of a strip slot (not the calendar's `slot:`: the two never share a drag context). */
export const stripSlotId = (day: DayKey, hour: number) => `strip:${slotKey(day, hour)}`;

export function stripDays(zone: string, now: number): DayKey[] {
  const today = DateTime.fromISO(todayIn(zone, now), { zone });
  return Array.from({ length: STRIP_DAYS }, (_, i) => today.plus({ days: i }).toISODate()!);
}

/**
 * The coming week's suggested times under the review board, in the calendar's zone: an approved
 * card dropped on one opens the scheduling form at that time. While another card is dragged the
 * slots are shut and say why.
 */
export function ScheduleStrip({
  zone,
  now,
  dragging,
}: {
  zone: string;
  now: number;
  /** What is being dragged: an approved card, another card, or nothing. */
  dragging: 'approved' | 'other' | null;
}) {
  const { t, locale } = useT();
  return (
    <section
      className="schedule-strip"
      aria-labelledby="schedule-strip-heading"
      data-testid="schedule-strip"
      data-dragging={dragging ?? undefined}
    >
      <h2 id="schedule-strip-heading">{t('board.strip.heading')}</h2>
      <p className="muted strip-help" role="status">
        {dragging === 'other' ? t('board.strip.notApproved') : t('board.strip.help', { zone })}
      </p>
      <div className="strip-days">
        {stripDays(zone, now).map((day) => {
          const head = formatDayHead(day, zone, locale);
          return (
            <div key={day} className="strip-day" data-day={day}>
              <span className="strip-day-head" title={head.full}>
                <span className="week-weekday">{head.weekday}</span> {head.date}
              </span>
              {STRIP_HOURS.map((hour) => {
                const { iso, exists } = localTime(day, hour, 0, zone);
                const past = Date.parse(iso) <= now;
                const platforms = suggestedFor(hour);
                return (
                  <SlotCell
                    key={hour}
                    id={stripSlotId(day, hour)}
                    slot={{ day, hour }}
                    disabled={!exists || past || dragging === 'other'}
                    cursor={false}
                    className="strip-slot"
                    label={`${head.full} ${formatHour(hour, locale)}`}
                    data-past={past ? 'true' : undefined}
                    title={t('calendar.suggested', {
                      platforms: platforms.map((p) => PUBLISH_PLATFORM_LABELS[p]).join(', '),
                    })}
                  >
                    <span className="strip-hour">{formatHour(hour, locale)}</span>
                    <span className="suggested-marks">
                      {platforms.map((p) => (
                        <span key={p} className="suggested-mark" data-platform={p} />
                      ))}
                    </span>
                  </SlotCell>
                );
              })}
            </div>
          );
        })}
      </div>
    </section>
  );
}
