import { useEffect, useMemo, useState } from 'react';
import { toUserFacingProblem, type UserFacingProblem } from '../api/user-facing-error.js';
import { useHost } from '../app/gateways-context.js';
import { ProblemNotice } from '../app/ProblemNotice.js';
import { useUiStore } from '../app/ui-store.js';
import { useT } from '../i18n/use-t.js';
import { JobProgress } from '../jobs/JobProgress.js';
import { isFinished, orderJobs } from '../jobs/job-progress-model.js';
import { useJobsStore } from '../jobs/jobs-store.js';
import { ImportPanel } from './ImportPanel.js';
import { useVideos } from './use-videos.js';
import { VideoRow } from './VideoRow.js';

/**
 * A video's jobs while any of them still matters (running, queued, failed, stopped): once all are
 * done, the row's status says so and a stack of finished bars would only be noise.
 */
export function activeJobsOf<J extends { videoId: string | null; status: string }>(
  jobs: readonly J[],
  videoId: string,
): J[] {
  const own = jobs.filter((job) => job.videoId === videoId);
  return own.every((job) => job.status === 'done') ? [] : own;
}

export function LibraryScreen() {
  const { t } = useT();
  const host = useHost();
  const openBoard = useUiStore((s) => s.openBoard);
  const { videos, problem: listProblem, refresh } = useVideos();
  const jobsById = useJobsStore((s) => s.jobs);
  const jobs = useMemo(() => orderJobs(jobsById), [jobsById]);
  // The host derives each video's status from its jobs: ask again whenever one of them finishes.
  const finishedJobs = jobs.filter((job) => isFinished(job.status)).length;
  useEffect(() => {
    if (finishedJobs) void refresh();
  }, [finishedJobs, refresh]);
  const [busy, setBusy] = useState(false);
  const [uploadingName, setUploadingName] = useState<string | null>(null);
  const [problem, setProblem] = useState<UserFacingProblem | null>(null);
  const setNotice = useUiStore((s) => s.showNotice);

  /** Imports each input in turn; the last one imported opens on the review board. */
  const importAll = async (inputs: Array<string | File>) => {
    setBusy(true);
    setProblem(null);
    setNotice(null);
    let lastVideoId: string | null = null;
    try {
      for (const item of inputs) {
        let input = item as string;
        if (typeof item !== 'string') {
          setUploadingName(item.name);
          input = await host.files.pathForDroppedFile(item);
          setUploadingName(null);
        }
        const outcome = await host.library.importInput(input);
        if (outcome.alreadyImported) setNotice(t('library.alreadyImported', { title: outcome.video.title }));
        lastVideoId = outcome.video.id;
      }
    } catch (error) {
      setProblem(toUserFacingProblem(error));
    } finally {
      setBusy(false);
      setUploadingName(null);
      await refresh();
    }
    if (lastVideoId) openBoard(lastVideoId);
  };

  const unassigned = jobs.filter((job) => job.videoId === null);
  return (
    <div className="stack">
      <h1>{t('library.heading')}</h1>
      <ImportPanel
        busy={busy}
        uploadingName={uploadingName}
        onFiles={(files) => void importAll(files)}
        onInput={(input) => void importAll([input])}
      />
      {problem ? <ProblemNotice problem={problem} onDismiss={() => setProblem(null)} /> : null}
      {listProblem ? <ProblemNotice problem={listProblem} /> : null}
      {unassigned.map((job) => (
        <div className="card" key={job.jobId}>
          <JobProgress job={job} />
        </div>
      ))}
      {videos && videos.length === 0 ? <p className="muted">{t('library.empty')}</p> : null}
      {videos && videos.length > 0 ? (
        <section aria-label={t('library.count', { count: videos.length })} className="stack">
          <h2 className="muted">{t('library.count', { count: videos.length })}</h2>
          <ul className="video-list">
            {videos.map((video) => (
              <VideoRow
                key={video.id}
                video={video}
                jobs={activeJobsOf(jobs, video.id)}
                onOpen={() => openBoard(video.id)}
                onRemove={() => {
                  if (!confirm(t('library.video.removeConfirm', { title: video.title }))) return;
                  host.library
                    .remove(video.id)
                    .then(refresh, (error: unknown) => setProblem(toUserFacingProblem(error)));
                }}
              />
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
