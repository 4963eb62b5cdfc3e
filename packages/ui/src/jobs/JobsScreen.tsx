import { useMemo } from 'react';
import { useT } from '../i18n/use-t.js';
import { useVideos } from '../library/use-videos.js';
import { JobProgress } from './JobProgress.js';
import { orderJobs } from './job-progress-model.js';
import { useJobsStore } from './jobs-store.js';

/** Every job this window has heard of since it opened, running ones first. */
export function JobsScreen() {
  const { t } = useT();
  const jobsById = useJobsStore((s) => s.jobs);
  const jobs = useMemo(() => orderJobs(jobsById), [jobsById]);
  const { videos } = useVideos();
  const titles = useMemo(() => new Map((videos ?? []).map((v) => [v.id, v.title])), [videos]);
  return (
    <div className="stack">
      <h1>{t('jobs.heading')}</h1>
      {jobs.length === 0 ? <p className="muted">{t('jobs.empty')}</p> : null}
      <ul className="video-list">
        {jobs.map((job) => (
          <li key={job.jobId} className="card stack">
            <div className="row" style={{ justifyContent: 'space-between' }}>
              <strong>
                {job.videoId ? (titles.get(job.videoId) ?? job.videoId) : t('library.importing')}
              </strong>
              <code className="muted" style={{ fontSize: '0.75rem' }}>
                {job.jobId}
              </code>
            </div>
            <JobProgress job={job} />
          </li>
        ))}
      </ul>
    </div>
  );
}
