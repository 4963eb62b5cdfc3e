import { useState } from 'react';
import { PUBLISH_PLATFORM_LABELS } from '@kirinuki/contracts';
import type { Post } from '../api/api-types.js';
import { toUserFacingProblem, type UserFacingProblem } from '../api/user-facing-error.js';
import { ProblemNotice } from '../app/ProblemNotice.js';
import { formatDuration, formatPercent } from '../i18n/format.js';
import type { MessageKey } from '../i18n/messages-en.js';
import { useT } from '../i18n/use-t.js';
import type { JobView } from '../jobs/job-progress-model.js';
import { useJobsStore } from '../jobs/jobs-store.js';
import { isCancellable, isFinalPost, isRetryable, postProblem, postProgress } from './post-progress.js';
import { usePostTracking } from './use-post-tracking.js';

/** The posts one publish made, each with its progress, its link once out, or why it failed and Retry. */
export function PostProgressList({ initial }: { initial: readonly Post[] }) {
  const { t } = useT();
  const { posts, jobIds, retry, cancel } = usePostTracking(initial);
  const jobs = useJobsStore((s) => s.jobs);
  const jobsOf = (post: Post) =>
    (jobIds[post.id] ?? []).map((id) => jobs[id]).filter((j): j is JobView => j !== undefined);
  const allOut = posts.every((p) => p.status === 'published');
  return (
    <section className="stack post-progress" aria-labelledby="posts-heading" data-testid="post-progress">
      <h3 id="posts-heading" style={{ margin: 0 }}>
        {t('publish.posts')}
      </h3>
      <ul className="post-list">
        {posts.map((post) => (
          <PostRow key={post.id} post={post} jobs={jobsOf(post)} onRetry={retry} onCancel={cancel} />
        ))}
      </ul>
      {allOut ? (
        <p role="status" className="notice">
          {t('publish.allDone')}
        </p>
      ) : null}
    </section>
  );
}

function PostRow({
  post,
  jobs,
  onRetry,
  onCancel,
}: {
  post: Post;
  jobs: readonly JobView[];
  onRetry(post: Post): Promise<void>;
  onCancel(post: Post): Promise<void>;
}) {
  const { t, locale } = useT();
  const [problem, setProblem] = useState<UserFacingProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState(false);
  const platform = PUBLISH_PLATFORM_LABELS[post.platform];
  const progress = postProgress(post, jobs);
  const failure = postProblem(post, jobs);
  const status = t(`post.status.${progress.phase}` as MessageKey);
  const act = (action: (p: Post) => Promise<void>) => {
    setBusy(true);
    setProblem(null);
    action(post)
      .catch((error: unknown) => setProblem(toUserFacingProblem(error)))
      .finally(() => setBusy(false));
  };
  const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard;
  return (
    <li className="post-row" data-testid="post-row" data-platform={post.platform} data-status={post.status}>
      <div className="post-row-head">
        <strong>{platform}</strong>
        <span className={`badge ${badgeOf(post.status)}`}>{status}</span>
        {progress.fraction !== null ? (
          <span className="muted">{formatPercent(progress.fraction, locale)}</span>
        ) : null}
        {progress.etaSec ? (
          <span className="muted">{t('job.eta', { time: formatDuration(progress.etaSec, locale) })}</span>
        ) : null}
      </div>
      {isFinalPost(post.status) ? null : (
        <progress
          aria-label={t('post.progress', { platform, status })}
          max={1}
          {...(progress.fraction === null ? {} : { value: progress.fraction })}
        />
      )}
      {post.status === 'published' ? (
        post.url ? (
          <div className="row">
            <a
              href={post.url}
              target="_blank"
              rel="noreferrer"
              aria-label={t('post.open.label', { platform })}
            >
              {t('post.open')}
            </a>
            <code className="post-url">{post.url}</code>
            {clipboard ? (
              <button
                type="button"
                className="btn btn-small"
                onClick={() => void clipboard.writeText(post.url ?? '').then(() => setCopied(true))}
              >
                {copied ? t('post.copied') : t('post.copyLink')}
              </button>
            ) : null}
          </div>
        ) : (
          <p className="muted">{t('post.noLink', { platform })}</p>
        )
      ) : null}
      {failure ? (
        <ProblemNotice problem={{ ...failure, message: failure.message || t('post.failed.unknown') }} />
      ) : null}
      {problem ? <ProblemNotice problem={problem} onDismiss={() => setProblem(null)} /> : null}
      {isRetryable(post.status) || isCancellable(post.status) ? (
        <div className="row">
          {isRetryable(post.status) ? (
            <button
              type="button"
              className="btn btn-primary btn-small"
              aria-label={t('post.retry.label', { platform })}
              disabled={busy}
              onClick={() => act(onRetry)}
            >
              {t('post.retry')}
            </button>
          ) : null}
          {isCancellable(post.status) ? (
            <button type="button" className="btn btn-small" disabled={busy} onClick={() => act(onCancel)}>
              {t('post.cancel')}
            </button>
          ) : null}
        </div>
      ) : null}
    </li>
  );
}

const badgeOf = (status: Post['status']) =>
  status === 'published'
    ? 'badge-ok'
    : status === 'failed' || status === 'missed'
      ? 'badge-danger'
      : 'badge-warn';
