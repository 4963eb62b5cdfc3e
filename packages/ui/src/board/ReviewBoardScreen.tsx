import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { useStore } from 'zustand';
import type { Video } from '../api/api-types.js';
import { useHost } from '../app/gateways-context.js';
import { ProblemNotice } from '../app/ProblemNotice.js';
import { useUiStore } from '../app/ui-store.js';
import { ClipEditor } from '../editor/ClipEditor.js';
import { useT } from '../i18n/use-t.js';
import { isFinished } from '../jobs/job-progress-model.js';
import { useJobsStore } from '../jobs/jobs-store.js';
import { Board } from './Board.js';
import { createBoardStore } from './board-store.js';
import { BoardToolbar } from './BoardToolbar.js';
import { ExportPanel } from './ExportPanel.js';
import { VideoPanel } from './VideoPanel.js';
import { ScheduleOutcomeNotice } from '../calendar/ScheduleOutcomeNotice.js';
import { useBoardSchedule } from './use-board-schedule.js';

// The publish panel (with twitter-text's ~85 kB for X's counter) loads the first time it opens.
const PublishDialog = lazy(async () => ({
  default: (await import('../publish/PublishDialog.js')).PublishDialog,
}));

/** While a video has no clips yet, look again this often (proposals arrive from the analysis). */
const WAITING_POLL_MS = 4000;

export function ReviewBoardScreen() {
  const { t } = useT();
  const host = useHost();
  const videoId = useUiStore((s) => s.boardVideoId);
  const openBoard = useUiStore((s) => s.openBoard);
  const [store] = useState(() => createBoardStore(host.clips));
  const [videos, setVideos] = useState<Video[]>([]);
  const loaded = useStore(store, (s) => s.loaded);
  const total = useStore(
    store,
    (s) => s.lanes.proposed.length + s.lanes.approved.length + s.lanes.rejected.length,
  );
  const problem = useStore(store, (s) => s.problem);
  const editingId = useStore(store, (s) => s.editingId);
  const navigate = useUiStore((s) => s.navigate);
  const [publishingId, setPublishingId] = useState<string | null>(null);
  const publishing = useStore(store, (s) => (publishingId ? s.clips[publishingId] : undefined));
  const schedule = useBoardSchedule((id) => store.getState().clips[id]);
  const closePublish = () => {
    setPublishingId(null);
    // Publishing a proposed clip approved it on the host.
    void store.getState().refresh();
  };

  // The videos carry their pipeline status, which says whether more proposals are coming.
  const loadVideos = useCallback(
    () => host.library.list().then(setVideos, () => setVideos([])),
    [host.library],
  );
  useEffect(() => {
    void loadVideos();
  }, [loadVideos]);
  useEffect(() => {
    if (videoId) void store.getState().load(videoId);
  }, [store, videoId]);

  // Proposals arrive as stages finish: reload when a job of this video ends.
  const finishedCount = useJobsStore(
    (s) => Object.values(s.jobs).filter((j) => j.videoId === videoId && isFinished(j.status)).length,
  );
  useEffect(() => {
    if (!finishedCount) return;
    void store.getState().refresh();
    void loadVideos();
  }, [finishedCount, store, loadVideos]);
  useEffect(() => {
    if (!videoId || !loaded || total > 0) return;
    const timer = setInterval(() => {
      void store.getState().refresh();
      void loadVideos();
    }, WAITING_POLL_MS);
    return () => clearInterval(timer);
  }, [videoId, loaded, total, store, loadVideos]);

  const video = useMemo(() => videos.find((v) => v.id === videoId), [videos, videoId]);
  return (
    <div
      className="board-screen"
      onKeyDown={(e) => {
        // Undo/redo from anywhere on the board except while typing.
        if (!(e.ctrlKey || e.metaKey) || (e.target as HTMLElement).closest('input, textarea, select')) return;
        const key = e.key.toLowerCase();
        if (key === 'z' || key === 'y') {
          e.preventDefault();
          if (key === 'y' || e.shiftKey) store.getState().redo();
          else store.getState().undo();
        }
      }}
    >
      <div className="board-header">
        <h1>{t('board.heading')}</h1>
        <label className="row">
          <span>{t('board.video')}</span>
          <select
            data-testid="board-video-select"
            value={videoId ?? ''}
            onChange={(e) => e.target.value && openBoard(e.target.value)}
          >
            {!videoId ? <option value="">—</option> : null}
            {videoId && !video ? <option value={videoId}>…</option> : null}
            {videos.map((v) => (
              <option key={v.id} value={v.id}>
                {v.title}
              </option>
            ))}
          </select>
        </label>
        {video ? <BoardToolbar store={store} onPublish={setPublishingId} /> : null}
      </div>
      {problem ? (
        <ProblemNotice problem={problem} onDismiss={() => store.getState().dismissProblem()} />
      ) : null}
      {!videoId ? <p className="muted">{t('board.noVideo')}</p> : null}
      {videoId && loaded && total === 0 ? (
        <p className="notice" role="status" data-testid="board-empty">
          {t(
            video?.status === 'ready'
              ? 'board.none'
              : video?.status === 'failed' || video?.status === 'cancelled'
                ? 'board.stopped'
                : 'board.waiting',
          )}
        </p>
      ) : null}
      {videoId ? (
        editingId ? (
          <ClipEditor store={store} video={video ?? null} onPublish={setPublishingId} />
        ) : (
          <>
            {video ? <VideoPanel videoId={video.id} clipCount={total} /> : null}
            {video ? <ExportPanel store={store} videoId={video.id} /> : null}
            {schedule.outcome ? (
              <ScheduleOutcomeNotice
                outcome={schedule.outcome}
                zone={schedule.zone}
                onDismiss={schedule.dismissOutcome}
              >
                <button type="button" className="btn btn-small" onClick={() => navigate('calendar')}>
                  {t('board.strip.openCalendar')}
                </button>
              </ScheduleOutcomeNotice>
            ) : null}
            <Board store={store} schedule={total > 0 ? schedule.strip : null} />
            <p className="muted" style={{ fontSize: '0.8rem', margin: 0 }}>
              {t('board.shortcuts')}
            </p>
          </>
        )
      ) : null}
      {publishing ? (
        <Suspense fallback={null}>
          <PublishDialog
            clip={publishing}
            onClose={closePublish}
            onOpenSettings={() => (closePublish(), navigate('settings'))}
          />
        </Suspense>
      ) : null}
      {schedule.scheduling && schedule.zone ? (
        <Suspense fallback={null}>
          <PublishDialog
            clip={schedule.scheduling.clip}
            onClose={schedule.close}
            onOpenSettings={() => (schedule.close(), navigate('settings'))}
            schedule={{ at: schedule.scheduling.at, zone: schedule.zone, onScheduled: schedule.scheduled }}
          />
        </Suspense>
      ) : null}
    </div>
  );
}
