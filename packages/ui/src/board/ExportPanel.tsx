import { useEffect, useState } from 'react';
import type { StoreApi } from 'zustand';
import { useStore } from 'zustand';
import type { RenderedFile } from '../api/gateways.js';
import { toUserFacingProblem, type UserFacingProblem } from '../api/user-facing-error.js';
import { useHost } from '../app/gateways-context.js';
import { ProblemNotice } from '../app/ProblemNotice.js';
import { RevealFileButton } from '../app/RevealFileButton.js';
import { useDesktopCapabilities } from '../app/use-desktop.js';
import { CAPTION_STYLES, PLATFORMS } from '../editor/clip-presets.js';
import { PresetOptions } from '../editor/PresetOptions.js';
import { useT } from '../i18n/use-t.js';
import { JobProgress } from '../jobs/JobProgress.js';
import { useJobsStore } from '../jobs/jobs-store.js';
import type { BoardState } from './board-store.js';

/**
 * Renders the approved clips of the video on the board, for a platform and caption style, in the
 * host's render stage (background, with progress); lists the files when it is done.
 */
export function ExportPanel({ store, videoId }: { store: StoreApi<BoardState>; videoId: string }) {
  const { t } = useT();
  const { render, desktop } = useHost();
  const { chooseFolder: canChooseFolder } = useDesktopCapabilities();
  const approved = useStore(store, (s) => s.lanes.approved.length);
  const firstPlatform = useStore(store, (s) => {
    const id = s.lanes.approved[0];
    return id ? s.clips[id]?.platform : undefined;
  });
  const [platform, setPlatform] = useState<string>('');
  const [style, setStyle] = useState<string>('highlight');
  const [folder, setFolder] = useState('');
  const [jobId, setJobId] = useState<string | null>(null);
  const [files, setFiles] = useState<RenderedFile[] | null>(null);
  const [problem, setProblem] = useState<UserFacingProblem | null>(null);
  const job = useJobsStore((s) => (jobId ? s.jobs[jobId] : undefined));
  const chosenPlatform =
    platform || (PLATFORMS.some((p) => p.id === firstPlatform) ? (firstPlatform as string) : 'tiktok');

  useEffect(() => {
    if (!jobId || job?.status !== 'done') return;
    render.renderedFiles(jobId).then(setFiles, (error: unknown) => setProblem(toUserFacingProblem(error)));
  }, [jobId, job?.status, render]);

  const chooseFolder = () => {
    desktop.chooseFolder(t('export.folder.chooseTitle')).then(
      (chosen) => chosen && setFolder(chosen),
      (error: unknown) => setProblem(toUserFacingProblem(error)),
    );
  };
  const start = () => {
    setProblem(null);
    setFiles(null);
    render
      .renderApproved(videoId, {
        platform: chosenPlatform,
        style,
        ...(folder.trim() ? { outDir: folder.trim() } : {}),
      })
      .then(
        ({ jobId: id }) => setJobId(id),
        (error: unknown) => setProblem(toUserFacingProblem(error)),
      );
  };
  const running = !!jobId && !!job && (job.status === 'queued' || job.status === 'running');
  return (
    <section className="card stack" data-testid="export-panel" aria-label={t('export.heading')}>
      <div className="row" style={{ flexWrap: 'wrap', gap: '0.75rem', alignItems: 'end' }}>
        <strong>{t('export.heading')}</strong>
        <label>
          {t('editor.platform')}{' '}
          <select
            data-testid="export-platform"
            value={chosenPlatform}
            onChange={(e) => setPlatform(e.target.value)}
          >
            <PresetOptions presets={PLATFORMS} />
          </select>
        </label>
        <label>
          {t('editor.style')}{' '}
          <select data-testid="export-style" value={style} onChange={(e) => setStyle(e.target.value)}>
            <PresetOptions presets={CAPTION_STYLES} />
            <option value="none">{t('export.noCaptions')}</option>
          </select>
        </label>
        <label>
          {t('export.folder')}{' '}
          <input
            type="text"
            data-testid="export-folder"
            placeholder={t('export.folder.default')}
            value={folder}
            onChange={(e) => setFolder(e.target.value)}
          />
        </label>
        {canChooseFolder ? (
          <button type="button" className="btn" data-testid="export-folder-choose" onClick={chooseFolder}>
            {t('export.folder.choose')}
          </button>
        ) : null}
        <button
          type="button"
          className="btn btn-primary"
          data-testid="export-render"
          disabled={approved === 0 || running}
          onClick={start}
        >
          {t('export.render', { count: approved })}
        </button>
      </div>
      {approved === 0 ? <p className="muted">{t('export.noneApproved')}</p> : null}
      {problem ? <ProblemNotice problem={problem} onDismiss={() => setProblem(null)} /> : null}
      {job ? <JobProgress job={job} /> : null}
      {files ? (
        <div data-testid="export-files">
          <p>{t('export.done', { count: files.length })}</p>
          <ul>
            {files.map((f) => (
              <li key={f.clipId} className="row">
                <code>{f.output}</code>
                <RevealFileButton path={f.output} />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
