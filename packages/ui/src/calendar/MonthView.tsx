import { DateTime } from 'luxon';
import { useT } from '../i18n/use-t.js';
import { formatDayHead } from './calendar-format.js';
import { localParts, localTime, monthGrid, placePosts, weekDays } from './calendar-model.js';
import { PostChip } from './PostChip.js';
import { SlotCell } from './SlotCell.js';
import type { CalendarGridProps } from './WeekView.js';

/** Chips a day shows before it says how many more there are. */
const CHIPS_PER_DAY = 3;

/** The month in whole weeks; a chip dropped on a day keeps its time of day. */
export function MonthView(props: CalendarGridProps) {
  const { t, locale } = useT();
  const { anchor, zone, today, now, cursorAt } = props;
  const weeks = monthGrid(anchor, zone);
  const { byDay } = placePosts(props.posts, zone);
  const cursorDay = cursorAt ? localParts(cursorAt, zone).day : null;
  return (
    <div className="month-view" data-testid="month-view">
      <div
        className="month-grid"
        style={{ gridTemplateRows: `auto repeat(${weeks.length}, minmax(6rem, 1fr))` }}
      >
        {weekDays(anchor, zone).map((day) => (
          <div key={day} className="month-weekday">
            {formatDayHead(day, zone, locale).weekday}
          </div>
        ))}
        {weeks.flat().map(({ day, inMonth }) => {
          const posts = byDay.get(day) ?? [];
          const dayEnd = Date.parse(localTime(day, 0, 0, zone).iso) + 86_400_000;
          const past = dayEnd <= now;
          const shown = posts.slice(0, CHIPS_PER_DAY);
          return (
            <SlotCell
              key={day}
              id={`day:${day}`}
              slot={{ day, hour: null }}
              disabled={past}
              cursor={cursorDay === day}
              className="month-day"
              label={formatDayHead(day, zone, locale).full}
              data-in-month={inMonth ? 'true' : 'false'}
              data-today={day === today ? 'true' : undefined}
              data-past={past ? 'true' : undefined}
            >
              <span className="month-date">{DateTime.fromISO(day).day}</span>
              {shown.map((post) => (
                <PostChip
                  key={post.id}
                  post={post}
                  title={props.titleOf(post)}
                  zone={zone}
                  saving={props.saving.includes(post.id)}
                  picking={props.pickingPostId === post.id}
                  onKeyDown={props.onChipKeyDown}
                  onBlur={props.onChipBlur}
                />
              ))}
              {posts.length > shown.length ? (
                <span className="month-more muted">
                  {t('calendar.more', { count: posts.length - shown.length })}
                </span>
              ) : null}
            </SlotCell>
          );
        })}
      </div>
    </div>
  );
}
