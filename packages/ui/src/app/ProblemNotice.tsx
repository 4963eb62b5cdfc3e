import type { UserFacingProblem } from '../api/user-facing-error.js';
import { useT } from '../i18n/use-t.js';

/** A failure as the user should read it: what happened, its code, and what to do next. */
export function ProblemNotice({
  problem,
  onDismiss,
}: {
  problem: UserFacingProblem;
  onDismiss?: () => void;
}) {
  const { t } = useT();
  return (
    <div className="problem" role="alert" data-testid="problem">
      <span className="code">{t('error.code', { code: problem.code })}</span>
      <span>{problem.message}</span>
      {problem.hint ? <span className="hint">{problem.hint}</span> : null}
      {onDismiss ? (
        <button type="button" className="btn btn-small" onClick={onDismiss}>
          {t('error.dismiss')}
        </button>
      ) : null}
    </div>
  );
}
