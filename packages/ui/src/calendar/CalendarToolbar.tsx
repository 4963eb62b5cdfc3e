import { useT } from '../i18n/use-t.js';
import { formatRange, formatZone } from './calendar-format.js';
import { monthGrid, weekDays, type CalendarView, type DayKey } from './calendar-model.js';

const VIEWS: readonly CalendarView[] = ['week', 'month', 'list'];

/** The view switch, the range and its steps, the zone times are in, and Undo. */
export function CalendarToolbar({
  view,
  anchor,
  zone,
  canUndo,
  onView,
  onStep,
  onToday,
  onUndo,
}: {
  view: CalendarView;
  anchor: DayKey;
  zone: string;
  canUndo: boolean;
  onView(view: CalendarView): void;
  onStep(step: number): void;
  onToday(): void;
  onUndo(): void;
}) {
  const { t, locale } = useT();
  const days =
    view === 'month' ? monthGrid(anchor, zone).flat() : weekDays(anchor, zone).map((day) => ({ day }));
  const range =
    view === 'month'
      ? formatRange(anchor, anchor, zone, locale, true)
      : formatRange(days[0]!.day, days.at(-1)!.day, zone, locale, false);
  return (
    <div className="calendar-toolbar">
      <div className="segmented" role="group" aria-label={t('calendar.view')}>
        {VIEWS.map((v) => (
          <button
            key={v}
            type="button"
            className="btn"
            data-testid={`calendar-view-${v}`}
            aria-pressed={view === v}
            onClick={() => onView(v)}
          >
            {t(`calendar.view.${v}`)}
          </button>
        ))}
      </div>
      {view !== 'list' ? (
        <div className="row calendar-range">
          <button
            type="button"
            className="btn"
            data-testid="calendar-prev"
            aria-label={t(view === 'month' ? 'calendar.prevMonth' : 'calendar.prevWeek')}
            onClick={() => onStep(-1)}
          >
            ‹
          </button>
          <button type="button" className="btn" data-testid="calendar-today" onClick={onToday}>
            {t('calendar.today')}
          </button>
          <button
            type="button"
            className="btn"
            data-testid="calendar-next"
            aria-label={t(view === 'month' ? 'calendar.nextMonth' : 'calendar.nextWeek')}
            onClick={() => onStep(1)}
          >
            ›
          </button>
          <strong data-testid="calendar-range">{range}</strong>
        </div>
      ) : null}
      <span className="muted calendar-zone" data-testid="calendar-zone">
        {t('calendar.zone', { zone: formatZone(zone, locale) })}
      </span>
      <button
        type="button"
        className="btn calendar-undo"
        data-testid="calendar-undo"
        disabled={!canUndo}
        aria-keyshortcuts="Control+Z Meta+Z"
        onClick={onUndo}
      >
        {t('calendar.undo')}
      </button>
    </div>
  );
}
