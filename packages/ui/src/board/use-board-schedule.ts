import { useEffect, useState } from 'react';
import type { Clip, ScheduleOutcome } from '../api/api-types.js';
import { useHost } from '../app/gateways-context.js';
import { calendarZone, slotTime, type Slot } from '../calendar/calendar-model.js';

/** The strip's clock ticks this often (a slot whose time has come shuts). */
const TICK_MS = 60_000;

/**
 * Scheduling from the review board: the calendar's zone (from Settings, as the calendar shows it),
 * a clock for the strip, and the clip and time of the form a drop opened.
 */
export function useBoardSchedule(clipOf: (id: string) => Clip | undefined) {
  const host = useHost();
  const [zone, setZone] = useState<string | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [scheduling, setScheduling] = useState<{ clip: Clip; at: string } | null>(null);
  const [outcome, setOutcome] = useState<ScheduleOutcome | null>(null);

  useEffect(() => {
    let live = true;
    host.settings.get().then(
      ({ settings }) => live && setZone(calendarZone(settings['scheduling.timezone']).zone),
      () => live && setZone(calendarZone('').zone),
    );
    const timer = setInterval(() => setNow(Date.now()), TICK_MS);
    return () => ((live = false), clearInterval(timer));
  }, [host.settings]);

  return {
    zone,
    scheduling,
    outcome,
    strip: zone
      ? {
          zone,
          now,
          onDrop(clipId: string, slot: Slot) {
            const clip = clipOf(clipId);
            const { iso, exists } = slotTime(slot, zone);
            if (clip && exists && Date.parse(iso) > Date.now()) setScheduling({ clip, at: iso });
          },
        }
      : null,
    close: () => setScheduling(null),
    scheduled(result: ScheduleOutcome) {
      setOutcome(result);
      setScheduling(null);
    },
    dismissOutcome: () => setOutcome(null),
  };
}
