import { createStore, type StoreApi } from 'zustand/vanilla';
import type { Clip, Post } from '../api/api-types.js';
import type { ClipsGateway, PostsGateway } from '../api/gateways.js';
import { toUserFacingProblem, type UserFacingProblem } from '../api/user-facing-error.js';
import {
  emptyStack,
  pushCommand,
  redoCommand,
  undoCommand,
  type CommandStack,
} from '../board/command-stack.js';
import { sameInstant } from './calendar-model.js';

/** An undoable change: a post moved from one time to another (ISO). */
export interface PostMove {
  postId: string;
  from: string;
  to: string;
}

export interface CalendarState {
  posts: Readonly<Record<string, Post>>;
  /** The approved clips, for the rail and the chips' titles. */
  clips: readonly Clip[];
  loaded: boolean;
  problem: UserFacingProblem | null;
  history: CommandStack<PostMove>;
  /** Posts whose move the host has not answered yet. */
  saving: readonly string[];
  load(): Promise<void>;
  /** Reloads from the host unless a move is still being saved. */
  refresh(): Promise<void>;
  /** Moves a post (at once on screen, then on the host; back where it was if the host refuses). */
  move(postId: string, to: string): Promise<boolean>;
  undo(): Promise<void>;
  redo(): Promise<void>;
  cancel(postId: string): Promise<void>;
  retry(postId: string): Promise<void>;
  /** Posts made elsewhere (the schedule form) join the calendar. */
  add(posts: readonly Post[]): void;
  showProblem(problem: UserFacingProblem | null): void;
}

const byId = (posts: readonly Post[]) => Object.fromEntries(posts.map((p) => [p.id, p]));

export function createCalendarStore(gateways: {
  posts: PostsGateway;
  clips: ClipsGateway;
}): StoreApi<CalendarState> {
  return createStore<CalendarState>()((set, get) => {
    /** Host calls one after another, in the order the user made them. */
    let queue: Promise<unknown> = Promise.resolve();
    const serially = <T>(work: () => Promise<T>): Promise<T> => {
      const next = queue.then(work, work);
      queue = next.catch(() => undefined);
      return next;
    };
    const setPost = (post: Post) => set((s) => ({ posts: { ...s.posts, [post.id]: post } }));
    const setAt = (postId: string, at: string) => {
      const post = get().posts[postId];
      if (post) setPost({ ...post, at });
    };

    /** One move on the host; the post shows at `to` meanwhile and returns to `from` on a refusal. */
    const reschedule = (move: PostMove): Promise<boolean> => {
      setAt(move.postId, move.to);
      set((s) => ({ saving: [...s.saving, move.postId], problem: null }));
      return serially(async () => {
        try {
          setPost(await gateways.posts.reschedule(move.postId, move.to));
          return true;
        } catch (error) {
          if (sameInstant(get().posts[move.postId]?.at ?? null, move.to)) setAt(move.postId, move.from);
          set({ problem: toUserFacingProblem(error) });
          return false;
        } finally {
          set((s) => {
            const saving = [...s.saving];
            saving.splice(saving.indexOf(move.postId), 1);
            return { saving };
          });
        }
      });
    };

    const fetchAll = async () => {
      try {
        const [posts, clips] = await Promise.all([gateways.posts.list({}), gateways.clips.approved()]);
        if (get().saving.length) return;
        set({ posts: byId(posts), clips, loaded: true });
      } catch (error) {
        set({ loaded: true, problem: toUserFacingProblem(error) });
      }
    };

    const update = async (postId: string, call: (id: string) => Promise<Post>) => {
      set({ problem: null });
      try {
        setPost(await call(postId));
      } catch (error) {
        set({ problem: toUserFacingProblem(error) });
      }
    };

    return {
      posts: {},
      clips: [],
      loaded: false,
      problem: null,
      history: emptyStack<PostMove>(),
      saving: [],
      load: fetchAll,
      refresh: async () => {
        if (!get().saving.length) await fetchAll();
      },
      move: async (postId, to) => {
        const from = get().posts[postId]?.at;
        if (!from || sameInstant(from, to)) return false;
        const command = { postId, from, to };
        const done = await reschedule(command);
        if (done) set((s) => ({ history: pushCommand(s.history, command) }));
        return done;
      },
      undo: async () => {
        const undone = undoCommand(get().history);
        if (!undone) return;
        const { postId, from, to } = undone.command;
        if (await reschedule({ postId, from: to, to: from })) set({ history: undone.stack });
      },
      redo: async () => {
        const redone = redoCommand(get().history);
        if (!redone) return;
        if (await reschedule(redone.command)) set({ history: redone.stack });
      },
      cancel: (postId) => update(postId, gateways.posts.cancel),
      retry: (postId) => update(postId, gateways.posts.retry),
      add: (posts) => set((s) => ({ posts: { ...s.posts, ...byId(posts) } })),
      showProblem: (problem) => set({ problem }),
    };
  });
}
