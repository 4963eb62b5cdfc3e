import { useState } from 'react';
import type { Video } from '../api/api-types.js';
import { useHost } from '../app/gateways-context.js';
import { formatBytes, formatDate, formatDuration, formatNumber } from '../i18n/format.js';
import type { MessageKey } from '../i18n/messages-en.js';
import { useT } from '../i18n/use-t.js';
import { JobProgress } from '../jobs/JobProgress.js';
import type { JobView } from '../jobs/job-progress-model.js';

const AVAILABILITY_CLASS: Record<string, string> = {
  ok: 'badge-ok',
  missing: 'badge-danger',
  changed: 'badge-warn',
};
const STATUS_CLASS: Record<string, string> = {
  ready: 'badge-ok',
  processing: 'badge-warn',
  failed: 'badge-danger',
  cancelled: 'badge-warn',
};

/** One badge: a missing or changed file first (nothing can run without it), else the pipeline status. */
function badgeFor(video: Video): { key: MessageKey; className: string } {
  const availability = String(video.availability);
  if (availability !== 'ok')
    return {
      key: `availability.${availability}` as MessageKey,
      className: AVAILABILITY_CLASS[availability] ?? 'badge-warn',
    };
  const status = String(video.status);
  return { key: `videoStatus.${status}` as MessageKey, className: STATUS_CLASS[status] ?? 'badge-warn' };
}

export function VideoRow({
  video,
  jobs,
  onOpen,
  onRemove,
}: {
  video: Video;
  jobs: JobView[];
  onOpen(): void;
  onRemove(): void;
}) {
  const { t, locale } = useT();
  const { media } = useHost();
  const [thumbFailed, setThumbFailed] = useState(false);
  const badge = badgeFor(video);
  return (
    <li className="card video-row" data-testid="video-row" data-video-id={video.id}>
      <div className="thumb" aria-hidden="true">
        {thumbFailed ? (
          '▶'
        ) : (
          <img src={media.thumbnailUrl(video.id)} alt="" onError={() => setThumbFailed(true)} />
        )}
      </div>
      <div>
        <div className="row">
          <span className="video-title">{video.title}</span>
          <span className={`badge ${badge.className}`} data-testid="video-status" data-status={video.status}>
            {t(badge.key)}
          </span>
        </div>
        <dl className="facts">
          <div>
            <dt>{t('library.video.duration')}</dt>
            <dd>{formatDuration(video.durationSec, locale)}</dd>
          </div>
          <div>
            <dt>{t('library.video.resolution')}</dt>
            <dd>
              {formatNumber(video.width, locale)}×{formatNumber(video.height, locale)}
            </dd>
          </div>
          <div>
            <dt>{t('library.video.size')}</dt>
            <dd>{formatBytes(video.sizeBytes, locale)}</dd>
          </div>
          <div>
            <dt>{t('library.video.added')}</dt>
            <dd>{formatDate(video.createdAt, locale)}</dd>
          </div>
        </dl>
        {jobs.map((job) => (
          <JobProgress key={job.jobId} job={job} />
        ))}
      </div>
      <div className="row">
        <button type="button" className="btn btn-primary" onClick={onOpen}>
          {t('library.video.open')}
        </button>
        <button
          type="button"
          className="btn btn-danger"
          onClick={onRemove}
          aria-label={`${t('library.video.remove')}: ${video.title}`}
        >
          {t('library.video.remove')}
        </button>
      </div>
    </li>
  );
}
