import { useEffect, useRef } from 'react';
import type { Clip } from '../api/api-types.js';
import { useT } from '../i18n/use-t.js';
import { PublishPanel, type ScheduleMode } from './PublishPanel.js';

/** The publish panel as a modal dialog: focus stays inside, Escape or Close leaves it. */
export function PublishDialog({
  clip,
  onClose,
  onOpenSettings,
  schedule,
}: {
  clip: Clip;
  onClose(): void;
  onOpenSettings(): void;
  /** Schedule the clip (from this time on) instead of publishing it now. */
  schedule?: ScheduleMode;
}) {
  const { t } = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="publish-dialog"
      aria-labelledby="publish-heading"
      data-testid="publish-dialog"
      onCancel={(e) => (e.preventDefault(), onClose())}
    >
      <div className="publish-dialog-head">
        <h2 id="publish-heading">
          {t(schedule ? 'schedule.heading' : 'publish.heading', { title: clip.title || t('clip.untitled') })}
        </h2>
        <button type="button" className="btn" onClick={onClose}>
          {t('publish.close')}
        </button>
      </div>
      <div className="publish-dialog-body">
        <PublishPanel clip={clip} onOpenSettings={onOpenSettings} schedule={schedule} />
      </div>
    </dialog>
  );
}
