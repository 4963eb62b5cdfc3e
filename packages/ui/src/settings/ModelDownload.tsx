import { useState } from 'react';
import { toUserFacingProblem, type UserFacingProblem } from '../api/user-facing-error.js';
import { useHost } from '../app/gateways-context.js';
import { ProblemNotice } from '../app/ProblemNotice.js';
import { useT } from '../i18n/use-t.js';
import { JobProgress } from '../jobs/JobProgress.js';
import { useJobsStore } from '../jobs/jobs-store.js';

/**
 * Downloads a model on the host: a button, then the download's progress with ETA and cancel (the
 * feed's job `download-<id>`, which the jobs screen shows too); the list refreshes once installed.
 */
export function ModelDownload({ id, onInstalled }: { id: string; onInstalled: () => void }) {
  const { t } = useT();
  const { settings } = useHost();
  const job = useJobsStore((s) => s.jobs[`download-${id}`]);
  const [problem, setProblem] = useState<UserFacingProblem | null>(null);
  const running = job?.status === 'running' || job?.status === 'queued';
  const start = () => {
    setProblem(null);
    settings.downloadModel(id).then(onInstalled, (error: unknown) => {
      const shown = toUserFacingProblem(error);
      // A failure or cancel the feed reported is already on the progress below.
      if (shown.code !== 'CANCELLED' && !useJobsStore.getState().jobs[`download-${id}`]) setProblem(shown);
    });
  };
  return (
    <div className="stack" data-testid="model-download" data-model={id}>
      {running ? null : (
        <div className="row">
          <button type="button" className="btn btn-small" data-testid="model-download-start" onClick={start}>
            {t('settings.models.downloadButton', { id })}
          </button>
        </div>
      )}
      {job ? <JobProgress job={job} /> : null}
      {problem ? <ProblemNotice problem={problem} onDismiss={() => setProblem(null)} /> : null}
    </div>
  );
}
