import { useState } from 'react';
import { toUserFacingProblem, type UserFacingProblem } from '../api/user-facing-error.js';
import { useHost } from '../app/gateways-context.js';
import { ProblemNotice } from '../app/ProblemNotice.js';
import { formatDuration, formatPercent } from '../i18n/format.js';
import { useT } from '../i18n/use-t.js';
import type { MessageKey } from '../i18n/messages-en.js';
import { isFinished, type JobView } from './job-progress-model.js';
import { useJobsStore } from './jobs-store.js';
import { stageLabel } from './stage-label.js';

/** A job's stages as progress bars with ETA, and cancel / retry where the host offers them. */
export function JobProgress({ job }: { job: JobView }) {
  const { t, locale } = useT();
  const { jobs: gateway } = useHost();
  const dismiss = useJobsStore((s) => s.dismiss);
  const [problem, setProblem] = useState<UserFacingProblem | null>(null);
  const run = (action: (id: string) => Promise<void>) => {
    setProblem(null);
    action(job.jobId).catch((error: unknown) => setProblem(toUserFacingProblem(error)));
  };
  const finished = isFinished(job.status);
  return (
    <div className="job" data-testid="job-progress" data-status={job.status}>
      {job.stages.map((stage) => {
        const name = stageLabel(t, stage.stage);
        const label = `${name}: ${t(`job.status.${stage.status}` as MessageKey)}`;
        return (
          <div className="stage" key={stage.stage}>
            <span>{name}</span>
            <progress
              aria-label={label}
              max={1}
              {...(stage.fraction === null ? {} : { value: stage.fraction })}
            />
            <span className="eta">
              {stage.fraction !== null && !isFinished(stage.status)
                ? formatPercent(stage.fraction, locale)
                : t(`job.status.${stage.status}` as MessageKey)}
              {stage.etaSec !== null && stage.etaSec > 0
                ? ` · ${t('job.eta', { time: formatDuration(stage.etaSec, locale) })}`
                : ''}
            </span>
          </div>
        );
      })}
      {job.status === 'failed' && job.message ? (
        <ProblemNotice
          problem={{
            code: job.code ?? 'JOB_FAILED',
            message: job.message,
            ...(job.hint ? { hint: job.hint } : {}),
          }}
        />
      ) : null}
      {problem ? <ProblemNotice problem={problem} onDismiss={() => setProblem(null)} /> : null}
      <div className="row">
        {!finished && gateway.cancel ? (
          <button type="button" className="btn btn-small" onClick={() => run(gateway.cancel!)}>
            {t('job.cancel')}
          </button>
        ) : null}
        {(job.status === 'failed' || job.status === 'cancelled') && gateway.retry ? (
          <button type="button" className="btn btn-small" onClick={() => run(gateway.retry!)}>
            {t('job.retry')}
          </button>
        ) : null}
        {finished ? (
          <button type="button" className="btn btn-small" onClick={() => dismiss(job.jobId)}>
            {t('job.dismiss')}
          </button>
        ) : null}
      </div>
    </div>
  );
}
