import { useState } from 'react';
import { toUserFacingProblem, type UserFacingProblem } from '../api/user-facing-error.js';
import { useHost } from '../app/gateways-context.js';
import { ProblemNotice } from '../app/ProblemNotice.js';
import { useDesktopCapabilities } from '../app/use-desktop.js';
import { useT } from '../i18n/use-t.js';
import { JobProgress } from '../jobs/JobProgress.js';
import { useJobsStore } from '../jobs/jobs-store.js';

/**
 * Downloads a model on the host: a button, then the download's progress with ETA and cancel (the
 * feed's job `download-<id>`, which the jobs screen shows too); the list refreshes once installed.
 * Or installs it from a folder on the host holding the same files, checked the same way.
 */
export function ModelDownload({ id, onInstalled }: { id: string; onInstalled: () => void }) {
  const { t } = useT();
  const { settings, desktop } = useHost();
  const { chooseFolder: canChooseFolder } = useDesktopCapabilities();
  const job = useJobsStore((s) => s.jobs[`download-${id}`]);
  const [problem, setProblem] = useState<UserFacingProblem | null>(null);
  const [folder, setFolder] = useState('');
  const running = job?.status === 'running' || job?.status === 'queued';
  const start = (from?: string) => {
    setProblem(null);
    settings.downloadModel(id, from ? { from } : undefined).then(onInstalled, (error: unknown) => {
      const shown = toUserFacingProblem(error);
      // A failure or cancel the feed reported is already on the progress below.
      if (shown.code !== 'CANCELLED' && !useJobsStore.getState().jobs[`download-${id}`]) setProblem(shown);
    });
  };
  return (
    <div className="stack" data-testid="model-download" data-model={id}>
      {running ? null : (
        <div className="row">
          <button
            type="button"
            className="btn btn-small"
            data-testid="model-download-start"
            onClick={() => start()}
          >
            {t('settings.models.downloadButton', { id })}
          </button>
        </div>
      )}
      {running ? null : (
        // No way to the model's server (offline, blocked): the same files copied from elsewhere.
        <details data-testid="model-from-folder">
          <summary>{t('settings.models.fromFolder')}</summary>
          <p className="muted">{t('settings.models.fromFolderHint')}</p>
          <div className="row">
            <input
              type="text"
              aria-label={t('settings.models.folder')}
              data-testid="model-from-folder-path"
              placeholder={`/media/usb/${id}`}
              value={folder}
              onChange={(e) => setFolder(e.target.value)}
            />
            {canChooseFolder ? (
              <button
                type="button"
                className="btn btn-small"
                onClick={() =>
                  desktop.chooseFolder(t('settings.models.fromFolder')).then(
                    (chosen) => chosen && setFolder(chosen),
                    (error: unknown) => setProblem(toUserFacingProblem(error)),
                  )
                }
              >
                {t('settings.models.chooseFolder')}
              </button>
            ) : null}
            <button
              type="button"
              className="btn btn-small"
              data-testid="model-from-folder-install"
              disabled={!folder.trim()}
              onClick={() => start(folder.trim())}
            >
              {t('settings.models.installFromFolder')}
            </button>
          </div>
        </details>
      )}
      {job ? <JobProgress job={job} /> : null}
      {problem ? <ProblemNotice problem={problem} onDismiss={() => setProblem(null)} /> : null}
    </div>
  );
}
