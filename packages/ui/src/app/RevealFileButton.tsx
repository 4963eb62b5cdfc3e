import { useState } from 'react';
import { toUserFacingProblem, type UserFacingProblem } from '../api/user-facing-error.js';
import { useT } from '../i18n/use-t.js';
import { useHost } from './gateways-context.js';
import { ProblemNotice } from './ProblemNotice.js';
import { useDesktopCapabilities } from './use-desktop.js';

/** "Show in folder" for a file the host made; nothing where the host has no file manager. */
export function RevealFileButton({ path }: { path: string }) {
  const { t } = useT();
  const { desktop } = useHost();
  const { revealFile } = useDesktopCapabilities();
  const [problem, setProblem] = useState<UserFacingProblem | null>(null);
  if (!revealFile) return null;
  return (
    <>
      <button
        type="button"
        className="btn btn-small"
        data-testid="reveal-file"
        aria-label={t('export.reveal.label', { path })}
        onClick={() =>
          desktop.revealFile(path).catch((error: unknown) => setProblem(toUserFacingProblem(error)))
        }
      >
        {t('export.reveal')}
      </button>
      {problem ? <ProblemNotice problem={problem} onDismiss={() => setProblem(null)} /> : null}
    </>
  );
}
