import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Clip, ClipEdit, ClipStatus } from '../api/api-types.js';
import type { ClipsGateway } from '../api/gateways.js';
import { toUserFacingProblem, type UserFacingProblem } from '../api/user-facing-error.js';
import {
  EMPTY_LANES,
  inBoardOrder,
  lanesFromClips,
  moveClips,
  sameLanes,
  type Lanes,
} from './board-model.js';
import { emptyStack, pushCommand, redoCommand, undoCommand, type CommandStack } from './command-stack.js';
import { syncLanes } from './sync-lanes.js';

/** An undoable change: a move swaps whole lane layouts; an edit swaps some fields of one clip. */
export type BoardCommand =
  | { kind: 'move'; before: Lanes; after: Lanes }
  | { kind: 'edit'; clipId: string; before: ClipEdit; after: ClipEdit };

export interface BoardState {
  videoId: string | null;
  clips: Readonly<Record<string, Clip>>;
  lanes: Lanes;
  loaded: boolean;
  history: CommandStack<BoardCommand>;
  selection: readonly string[];
  focusId: string | null;
  editingId: string | null;
  problem: UserFacingProblem | null;
  /** Host calls still running; a reload waits for them so it does not undo what the user just did. */
  pending: number;
  load(videoId: string): Promise<void>;
  /** Reloads from the host unless changes are still being saved. */
  refresh(): Promise<void>;
  move(ids: readonly string[], to: ClipStatus, index: number): void;
  edit(clipId: string, edit: ClipEdit): void;
  undo(): void;
  redo(): void;
  select(ids: readonly string[]): void;
  toggleSelected(id: string): void;
  focus(id: string | null): void;
  openEditor(id: string | null): void;
  dismissProblem(): void;
}

const EDIT_FIELDS = ['start', 'end', 'title', 'style', 'platform', 'hashtags', 'captions'] as const;

function fieldsOf(clip: Clip, edit: ClipEdit): ClipEdit {
  const before: Record<string, unknown> = {};
  for (const key of EDIT_FIELDS) if (edit[key] !== undefined) before[key] = clip[key];
  return before as ClipEdit;
}

export function createBoardStore(gateway: ClipsGateway): StoreApi<BoardState> {
  return createStore<BoardState>()((set, get) => {
    /** Runs host calls one after another, in the order the user made the changes. */
    let queue: Promise<unknown> = Promise.resolve();
    const enqueue = (work: () => Promise<void>) => {
      set((s) => ({ pending: s.pending + 1 }));
      queue = queue
        .then(work)
        .catch(async (error: unknown) => {
          set({ problem: toUserFacingProblem(error) });
          // The host refused: show what it has, not what we hoped.
          const { videoId } = get();
          if (videoId) replaceClips(await gateway.list(videoId).catch(() => Object.values(get().clips)));
        })
        .finally(() => set((s) => ({ pending: s.pending - 1 })));
    };
    const replaceClips = (clips: Clip[]) =>
      set({
        clips: Object.fromEntries(clips.map((c) => [c.id, c])),
        lanes: lanesFromClips(clips),
        loaded: true,
      });

    const applyLanes = (before: Lanes, after: Lanes) => {
      set({ lanes: after });
      const { videoId } = get();
      if (!videoId) return;
      enqueue(async () => {
        const clips = await syncLanes(gateway, videoId, before, after);
        if (clips && get().pending === 1) {
          set({ clips: Object.fromEntries(clips.map((c) => [c.id, c])) });
        }
      });
    };
    const applyEdit = (clipId: string, edit: ClipEdit) => {
      const clip = get().clips[clipId];
      if (!clip) return;
      set({ clips: { ...get().clips, [clipId]: { ...clip, ...edit } as Clip } });
      enqueue(async () => {
        const saved = await gateway.update(clipId, edit);
        set({ clips: { ...get().clips, [saved.id]: saved } });
      });
    };
    const apply = (command: BoardCommand, direction: 'do' | 'undo') => {
      if (command.kind === 'move')
        applyLanes(
          direction === 'do' ? command.before : command.after,
          direction === 'do' ? command.after : command.before,
        );
      else applyEdit(command.clipId, direction === 'do' ? command.after : command.before);
    };

    return {
      videoId: null,
      clips: {},
      lanes: EMPTY_LANES,
      loaded: false,
      history: emptyStack(),
      selection: [],
      focusId: null,
      editingId: null,
      problem: null,
      pending: 0,
      async load(videoId) {
        set({
          videoId,
          clips: {},
          lanes: EMPTY_LANES,
          loaded: false,
          history: emptyStack(),
          selection: [],
          editingId: null,
        });
        try {
          const clips = await gateway.list(videoId);
          if (get().videoId === videoId) replaceClips(clips);
        } catch (error) {
          set({ problem: toUserFacingProblem(error), loaded: true });
        }
      },
      async refresh() {
        const { videoId } = get();
        if (!videoId || get().pending > 0) return;
        const clips = await gateway.list(videoId).catch(() => null);
        if (clips && get().pending === 0 && get().videoId === videoId) replaceClips(clips);
      },
      move(ids, to, index) {
        const before = get().lanes;
        const after = moveClips(before, ids, to, index);
        if (sameLanes(before, after)) return;
        const command: BoardCommand = { kind: 'move', before, after };
        set({ history: pushCommand(get().history, command) });
        apply(command, 'do');
      },
      edit(clipId, edit) {
        const clip = get().clips[clipId];
        if (!clip) return;
        const command: BoardCommand = { kind: 'edit', clipId, before: fieldsOf(clip, edit), after: edit };
        set({ history: pushCommand(get().history, command) });
        apply(command, 'do');
      },
      undo() {
        const result = undoCommand(get().history);
        if (!result) return;
        set({ history: result.stack });
        apply(result.command, 'undo');
      },
      redo() {
        const result = redoCommand(get().history);
        if (!result) return;
        set({ history: result.stack });
        apply(result.command, 'do');
      },
      select: (ids) => set({ selection: inBoardOrder(get().lanes, ids) }),
      toggleSelected(id) {
        const selected = new Set(get().selection);
        if (selected.has(id)) selected.delete(id);
        else selected.add(id);
        set({ selection: inBoardOrder(get().lanes, selected) });
      },
      focus: (id) => set({ focusId: id }),
      openEditor: (id) => set({ editingId: id }),
      dismissProblem: () => set({ problem: null }),
    };
  });
}
