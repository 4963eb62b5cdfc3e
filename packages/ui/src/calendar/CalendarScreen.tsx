import {
  DndContext,
  DragOverlay,
  PointerSensor,
  pointerWithin,
  useSensor,
  useSensors,
  type DragEndEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { Clip, Post, ScheduleOutcome } from '../api/api-types.js';
import { useHost } from '../app/gateways-context.js';
import { ProblemNotice } from '../app/ProblemNotice.js';
import { useUiStore } from '../app/ui-store.js';
import { useT } from '../i18n/use-t.js';
import { isFinished } from '../jobs/job-progress-model.js';
import { useJobsStore } from '../jobs/jobs-store.js';
import { formatWhen } from './calendar-format.js';
import {
  calendarZone,
  dropTime,
  localParts,
  localTime,
  slotTime,
  stepAnchor,
  todayIn,
  weekDays,
  type CalendarView,
  type DayKey,
  type Slot,
} from './calendar-model.js';
import { createCalendarStore } from './calendar-store.js';
import { CalendarToolbar } from './CalendarToolbar.js';
import { ClipRail } from './ClipRail.js';
import { MonthView } from './MonthView.js';
import { PostChipContent } from './PostChip.js';
import { QueueList } from './QueueList.js';
import { ScheduleOutcomeNotice } from './ScheduleOutcomeNotice.js';
import { SuggestedLegend } from './SuggestedLegend.js';
import { useSlotCursor } from './use-slot-cursor.js';
import { WeekView } from './WeekView.js';

const PublishDialog = lazy(async () => ({
  default: (await import('../publish/PublishDialog.js')).PublishDialog,
}));

/** Posts change state on the host as their time comes: look again this often. */
const REFRESH_MS = 20_000;

/** The hour a clip dropped on a whole day (month view) or picked by keyboard starts at. */
const DEFAULT_HOUR = 12;

/** Scheduling: approved clips dragged onto a week or month, chips moved (with undo), the queue as a list. */
export function CalendarScreen() {
  const { t, locale } = useT();
  const host = useHost();
  const navigate = useUiStore((s) => s.navigate);
  const [store] = useState(() => createCalendarStore(host));
  const postsById = useStore(store, (s) => s.posts);
  const clips = useStore(store, (s) => s.clips);
  const loaded = useStore(store, (s) => s.loaded);
  const problem = useStore(store, (s) => s.problem);
  const saving = useStore(store, (s) => s.saving);
  const canUndo = useStore(store, (s) => s.history.past.length > 0);
  const [zoneState, setZoneState] = useState<{ zone: string; invalid: string | null } | null>(null);
  const [view, setView] = useState<CalendarView>('week');
  const [anchor, setAnchor] = useState<DayKey | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const [scheduling, setScheduling] = useState<{ clip: Clip; at: string } | null>(null);
  const [outcome, setOutcome] = useState<ScheduleOutcome | null>(null);
  const [dragging, setDragging] = useState<{ post?: Post; clip?: Clip } | null>(null);
  const [focusPostId, setFocusPostId] = useState<string | null>(null);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 6 } }));

  useEffect(() => {
    let live = true;
    host.settings.get().then(
      ({ settings }) => live && setZoneState(calendarZone(settings['scheduling.timezone'])),
      () => live && setZoneState(calendarZone('')),
    );
    void store.getState().load();
    const timer = setInterval(() => (setNow(Date.now()), void store.getState().refresh()), REFRESH_MS);
    return () => ((live = false), clearInterval(timer));
  }, [host.settings, store]);

  // A post's job that ends changes its state: look again.
  const finished = useJobsStore((s) => Object.values(s.jobs).filter((j) => isFinished(j.status)).length);
  useEffect(() => {
    if (finished) void store.getState().refresh();
  }, [finished, store]);

  const zone = zoneState?.zone ?? null;
  const today = zone ? todayIn(zone, now) : null;
  const day = anchor ?? today;
  const posts = useMemo(() => Object.values(postsById), [postsById]);
  const clipTitles = useMemo(() => new Map(clips.map((c) => [c.id, c.title])), [clips]);
  const titleOf = (post: Post) => clipTitles.get(post.clipId) || t('clip.untitled');

  const cursorApi = useSlotCursor({
    view,
    zone: zone ?? 'UTC',
    // The keyboard starts on the shown range's first open day (tomorrow at the earliest), at noon.
    startAt: () => {
      const first = weekDays(day!, zone!)[0]!;
      const tomorrow = localParts(new Date(now + 86_400_000).toISOString(), zone!).day;
      return localTime(first > tomorrow ? first : tomorrow, DEFAULT_HOUR, 0, zone!).iso;
    },
    onMove: (postId, at) => (setFocusPostId(postId), void store.getState().move(postId, at)),
    onSchedule: (clip, at) => setScheduling({ clip, at }),
    onReveal: (at) => {
      const shown = localParts(at, zone!).day;
      const visible =
        view === 'month' ? shown.slice(0, 7) === day!.slice(0, 7) : weekDays(day!, zone!).includes(shown);
      if (!visible) setAnchor(shown);
    },
  });
  const { cursor } = cursorApi;

  // Ctrl/Cmd+Z undoes the last move from anywhere on the screen, except while typing or in the form.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (!(event.ctrlKey || event.metaKey) || target?.closest('input, textarea, select, dialog')) return;
      const key = event.key.toLowerCase();
      if (key !== 'z' && key !== 'y') return;
      event.preventDefault();
      if (key === 'y' || event.shiftKey) void store.getState().redo();
      else void store.getState().undo();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [store]);

  // A chip moved by keyboard is a new element in its new slot: the focus follows it there.
  useEffect(() => {
    if (!focusPostId) return;
    document.querySelector<HTMLElement>(`[data-testid="post-chip"][data-post-id="${focusPostId}"]`)?.focus();
    setFocusPostId(null);
  }, [focusPostId, postsById]);

  const onDragStart = (event: DragStartEvent) => {
    const data = event.active.data.current as { kind: string; postId?: string; clipId?: string };
    cursorApi.clear();
    setDragging(
      data.kind === 'post'
        ? { post: postsById[data.postId!] }
        : { clip: clips.find((c) => c.id === data.clipId) },
    );
  };
  const onDragEnd = (event: DragEndEvent) => {
    setDragging(null);
    const slot = (event.over?.data.current as { slot?: Slot } | undefined)?.slot;
    const data = event.active.data.current as { kind: string; postId?: string; clipId?: string };
    if (!slot || !zone) return;
    if (data.kind === 'post') {
      const post = postsById[data.postId!];
      const to = post?.at ? dropTime(post.at, zone, slot) : null;
      if (post && to) void store.getState().move(post.id, to);
    } else {
      const clip = clips.find((c) => c.id === data.clipId);
      const { iso, exists } = slotTime(slot, zone, DEFAULT_HOUR);
      if (clip && exists) setScheduling({ clip, at: iso });
    }
  };
  const onScheduled = (result: ScheduleOutcome) => {
    store.getState().add(result.posts);
    setOutcome(result);
    setScheduling(null);
  };

  const cursorText =
    cursor && zone
      ? cursor.kind === 'post'
        ? t('calendar.cursor.move', { time: formatWhen(cursor.at, zone, locale) })
        : t('calendar.cursor.schedule', {
            title: clips.find((c) => c.id === cursor.clipId)?.title || t('clip.untitled'),
            time: formatWhen(cursor.at, zone, locale),
          })
      : '';
  const gridProps =
    zone && day && today
      ? {
          anchor: day,
          zone,
          today,
          now,
          posts,
          titleOf,
          saving,
          cursorAt: cursor?.at ?? null,
          pickingPostId: cursor?.kind === 'post' ? cursor.postId : null,
          onChipKeyDown: cursorApi.onChipKeyDown,
          onChipBlur: cursorApi.clear,
        }
      : null;

  return (
    <div className="calendar-screen" data-testid="calendar-screen">
      <div className="calendar-header">
        <h1>{t('calendar.heading')}</h1>
        {zone && day ? (
          <CalendarToolbar
            view={view}
            anchor={day}
            zone={zone}
            canUndo={canUndo}
            onView={(v) => (cursorApi.clear(), setView(v))}
            onStep={(step) => setAnchor(stepAnchor(day, zone, view, step))}
            onToday={() => setAnchor(null)}
            onUndo={() => void store.getState().undo()}
          />
        ) : null}
      </div>
      {zoneState?.invalid ? (
        <p className="notice" role="status">
          {t('calendar.zoneInvalid', { setting: zoneState.invalid, zone: zoneState.zone })}
        </p>
      ) : null}
      {problem ? (
        <ProblemNotice problem={problem} onDismiss={() => store.getState().showProblem(null)} />
      ) : null}
      {outcome ? (
        <ScheduleOutcomeNotice outcome={outcome} zone={zone} onDismiss={() => setOutcome(null)} />
      ) : null}
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="calendar-cursor">
        {cursorText}
      </p>
      {!loaded || !gridProps ? (
        <p className="muted">{t('calendar.loading')}</p>
      ) : (
        <DndContext
          sensors={sensors}
          collisionDetection={pointerWithin}
          onDragStart={onDragStart}
          onDragEnd={onDragEnd}
          onDragCancel={() => setDragging(null)}
        >
          <div className="calendar-body" data-view={view}>
            {view !== 'list' ? (
              <ClipRail
                clips={clips}
                pickingId={cursor?.kind === 'clip' ? cursor.clipId : null}
                onKeyDown={cursorApi.onClipKeyDown}
                onBlur={cursorApi.clear}
              />
            ) : null}
            {view === 'week' ? <WeekView {...gridProps} /> : null}
            {view === 'month' ? <MonthView {...gridProps} /> : null}
            {view === 'list' ? (
              <QueueList
                posts={posts}
                zone={gridProps.zone}
                titleOf={titleOf}
                onCancel={(post) => void store.getState().cancel(post.id)}
                onRetry={(post) => void store.getState().retry(post.id)}
              />
            ) : null}
          </div>
          {view !== 'list' ? (
            <div className="calendar-foot">
              {view === 'week' ? <SuggestedLegend /> : null}
              <p className="muted calendar-help">{t('calendar.shortcuts')}</p>
            </div>
          ) : null}
          <DragOverlay dropAnimation={null}>
            {dragging?.post ? (
              <div className="post-chip drag-overlay" data-platform={dragging.post.platform}>
                <PostChipContent post={dragging.post} zone={gridProps.zone} />
              </div>
            ) : dragging?.clip ? (
              <div className="rail-clip drag-overlay">{dragging.clip.title || t('clip.untitled')}</div>
            ) : null}
          </DragOverlay>
        </DndContext>
      )}
      {scheduling && zone ? (
        <Suspense fallback={null}>
          <PublishDialog
            clip={scheduling.clip}
            onClose={() => setScheduling(null)}
            onOpenSettings={() => (setScheduling(null), navigate('settings'))}
            schedule={{ at: scheduling.at, zone, onScheduled }}
          />
        </Suspense>
      ) : null}
    </div>
  );
}
