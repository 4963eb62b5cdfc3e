import { useEffect, useRef, type KeyboardEvent } from 'react';
import { PUBLISH_PLATFORM_LABELS } from '@kirinuki/contracts';
import type { Post } from '../api/api-types.js';
import { useT } from '../i18n/use-t.js';
import { formatDayHead, formatHour } from './calendar-format.js';
import { localParts, localTime, placePosts, slotKey, weekDays, type DayKey } from './calendar-model.js';
import { PostChip } from './PostChip.js';
import { SlotCell } from './SlotCell.js';
import { suggestedFor } from './suggested-slots.js';

const HOURS = Array.from({ length: 24 }, (_, h) => h);
/** The first hour in view when the week opens (the night is above, scrolled away). */
const FIRST_HOUR_SHOWN = 7;

export interface CalendarGridProps {
  anchor: DayKey;
  zone: string;
  today: DayKey;
  now: number;
  posts: readonly Post[];
  titleOf(post: Post): string;
  saving: readonly string[];
  /** Where the keyboard's slot cursor is (ISO), and the post it moves, if any. */
  cursorAt: string | null;
  pickingPostId: string | null;
  onChipKeyDown(event: KeyboardEvent, post: Post): void;
  onChipBlur(): void;
}

/** Seven days by 24 hour rows in the calendar's zone; suggested hours marked per platform. */
export function WeekView(props: CalendarGridProps) {
  const { t, locale } = useT();
  const { anchor, zone, today, now, cursorAt } = props;
  const days = weekDays(anchor, zone);
  const { bySlot } = placePosts(props.posts, zone);
  const cursor = cursorAt ? localParts(cursorAt, zone) : null;
  const cursorKey = cursor ? slotKey(cursor.day, cursor.hour) : null;
  const scroller = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const row = scroller.current?.querySelector<HTMLElement>(`[data-hour="${FIRST_HOUR_SHOWN}"]`);
    const head = scroller.current?.querySelector<HTMLElement>('.week-head');
    if (row && scroller.current) scroller.current.scrollTop = row.offsetTop - (head?.offsetHeight ?? 0);
  }, []);
  useEffect(() => {
    if (cursorKey)
      scroller.current
        ?.querySelector(`[data-slot="slot:${cursorKey}"]`)
        ?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  }, [cursorKey]);

  return (
    <div className="week-view" ref={scroller} data-testid="week-view">
      <div className="week-grid">
        <div className="week-head week-corner" />
        {days.map((day) => {
          const head = formatDayHead(day, zone, locale);
          return (
            <div key={day} className="week-head" data-today={day === today ? 'true' : undefined}>
              <span className="week-weekday">{head.weekday}</span>
              <span className="week-date">{head.date}</span>
            </div>
          );
        })}
        {HOURS.map((hour) => {
          const suggested = suggestedFor(hour);
          return [
            <div key={`h${hour}`} className="week-hour" data-hour={hour}>
              {formatHour(hour, locale)}
            </div>,
            ...days.map((day) => {
              const key = slotKey(day, hour);
              const { iso, exists } = localTime(day, hour, 0, zone);
              // A slot is open until its hour has ended.
              const past = Date.parse(iso) + 3_600_000 <= now;
              const posts = bySlot.get(key) ?? [];
              const head = formatDayHead(day, zone, locale);
              return (
                <SlotCell
                  key={key}
                  id={`slot:${key}`}
                  slot={{ day, hour }}
                  disabled={!exists || past}
                  cursor={cursorKey === key}
                  className="week-slot"
                  label={`${head.full} ${formatHour(hour, locale)}`}
                  data-today={day === today ? 'true' : undefined}
                  data-past={past ? 'true' : undefined}
                  data-suggested={suggested.length ? suggested.join(' ') : undefined}
                >
                  {suggested.length && !past ? (
                    <span
                      className="suggested-marks"
                      title={t('calendar.suggested', {
                        platforms: suggested.map((p) => PUBLISH_PLATFORM_LABELS[p]).join(', '),
                      })}
                    >
                      {suggested.map((p) => (
                        <span key={p} className="suggested-mark" data-platform={p} />
                      ))}
                    </span>
                  ) : null}
                  {!exists ? <span className="slot-skipped">{t('calendar.skippedHour')}</span> : null}
                  {posts.map((post) => (
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
                </SlotCell>
              );
            }),
          ];
        })}
      </div>
    </div>
  );
}
