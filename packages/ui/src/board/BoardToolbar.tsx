import type { StoreApi } from 'zustand';
import { useStore } from 'zustand';
import { useT } from '../i18n/use-t.js';
import type { BoardState } from './board-store.js';

export function BoardToolbar({
  store,
  onPublish,
}: {
  store: StoreApi<BoardState>;
  /** Opens the publish panel for one clip. */
  onPublish?(clipId: string): void;
}) {
  const { t } = useT();
  const canUndo = useStore(store, (s) => s.history.past.length > 0);
  const canRedo = useStore(store, (s) => s.history.future.length > 0);
  const selected = useStore(store, (s) => s.selection.length);
  const selectedId = useStore(store, (s) => (s.selection.length === 1 ? s.selection[0] : undefined));
  const state = store.getState();
  return (
    <div className="row" role="toolbar" aria-label={t('board.heading')}>
      <button
        type="button"
        className="btn"
        data-testid="board-undo"
        disabled={!canUndo}
        onClick={() => store.getState().undo()}
        aria-keyshortcuts="Control+Z"
      >
        {t('board.undo')}
      </button>
      <button
        type="button"
        className="btn"
        data-testid="board-redo"
        disabled={!canRedo}
        onClick={() => store.getState().redo()}
        aria-keyshortcuts="Control+Shift+Z"
      >
        {t('board.redo')}
      </button>
      {onPublish ? (
        <button
          type="button"
          className="btn"
          data-testid="board-publish"
          disabled={!selectedId}
          title={selectedId ? undefined : t('publish.open.needOne')}
          onClick={() => selectedId && onPublish(selectedId)}
        >
          {t('publish.open')}
        </button>
      ) : null}
      {selected > 0 ? (
        <>
          <span role="status" data-testid="selection-count">
            {t('board.selected', { count: selected })}
          </span>
          <button
            type="button"
            className="btn"
            onClick={() =>
              state.move(store.getState().selection, 'approved', store.getState().lanes.approved.length)
            }
          >
            {t('board.approve')}
          </button>
          <button
            type="button"
            className="btn"
            onClick={() =>
              state.move(store.getState().selection, 'rejected', store.getState().lanes.rejected.length)
            }
          >
            {t('board.reject')}
          </button>
          <button type="button" className="btn" onClick={() => store.getState().select([])}>
            {t('board.clearSelection')}
          </button>
        </>
      ) : null}
    </div>
  );
}
