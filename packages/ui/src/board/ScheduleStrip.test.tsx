import { DndContext } from '@dnd-kit/core';
import { render, screen } from '@testing-library/react';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { useUiStore } from '../app/ui-store.js';
import { ScheduleStrip, STRIP_DAYS, STRIP_HOURS, stripDays, stripSlotId } from './ScheduleStrip.js';

const slot = (day: string, hour: number) =>
  document.querySelector<HTMLElement>(`[data-slot="${stripSlotId(day, hour)}"]`)!;

function show(zone: string, now: number, dragging: 'approved' | 'other' | null = null) {
  useUiStore.setState({ locale: 'en' });
  return render(
    <DndContext>
      <ScheduleStrip zone={zone} now={now} dragging={dragging} />
    </DndContext>,
  );
}

describe('the board’s schedule strip', () => {
  it('offers every platform’s suggested hours, a week from today in the calendar’s zone', () => {
    expect(STRIP_HOURS).toEqual([9, 12, 15, 17, 18, 19]);
    // 23:30 on the 6th in New York is already the 7th in Tokyo.
    const now = DateTime.fromISO('2026-12-06T23:30', { zone: 'America/New_York' }).toMillis();
    expect(stripDays('America/New_York', now)[0]).toBe('2026-12-06');
    expect(stripDays('Asia/Tokyo', now)).toEqual([
      '2026-12-07',
      '2026-12-08',
      '2026-12-09',
      '2026-12-10',
      '2026-12-11',
      '2026-12-12',
      '2026-12-13',
    ]);
    // Across a DST change the days are still calendar days, one each.
    const before = DateTime.fromISO('2026-10-31T10:00', { zone: 'America/New_York' }).toMillis();
    expect(stripDays('America/New_York', before).slice(0, 3)).toEqual([
      '2026-10-31',
      '2026-11-01',
      '2026-11-02',
    ]);
  });

  it('shuts the hours already gone today, and every slot while a card that is not approved is dragged', () => {
    const now = DateTime.fromISO('2026-12-07T16:10', { zone: 'Asia/Tokyo' }).toMillis();
    const { unmount } = show('Asia/Tokyo', now);
    expect(screen.getByTestId('schedule-strip').textContent).toContain('times in Asia/Tokyo');
    expect(document.querySelectorAll('[data-testid="calendar-slot"]')).toHaveLength(
      STRIP_DAYS * STRIP_HOURS.length,
    );
    expect(slot('2026-12-07', 15).dataset.disabled).toBe('true');
    expect(slot('2026-12-07', 17).dataset.disabled).toBeUndefined();
    expect(slot('2026-12-07', 17).getAttribute('aria-label')).toBe('Monday, December 7, 2026 5 PM');
    expect(slot('2026-12-08', 9).title).toBe('A good time for X');
    unmount();
    show('Asia/Tokyo', now, 'other');
    expect(screen.getByTestId('schedule-strip').textContent).toContain('approve this one first');
    expect(slot('2026-12-13', 19).dataset.disabled).toBe('true');
  });
});
