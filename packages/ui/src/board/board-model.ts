import { CLIP_STATUSES, type Clip, type ClipStatus } from '../api/api-types.js';

/** The order of clip ids in each lane: the board's whole layout. */
export type Lanes = Readonly<Record<ClipStatus, readonly string[]>>;

export const EMPTY_LANES: Lanes = { proposed: [], approved: [], rejected: [] };

export function lanesFromClips(clips: readonly Pick<Clip, 'id' | 'status' | 'position' | 'rank'>[]): Lanes {
  const lanes: Record<ClipStatus, Array<Pick<Clip, 'id' | 'position' | 'rank'>>> = {
    proposed: [],
    approved: [],
    rejected: [],
  };
  for (const clip of clips) lanes[clip.status].push(clip);
  const ids = (status: ClipStatus) =>
    lanes[status].sort((a, b) => a.position - b.position || a.rank - b.rank).map((c) => c.id);
  return { proposed: ids('proposed'), approved: ids('approved'), rejected: ids('rejected') };
}

export function laneOf(lanes: Lanes, id: string): ClipStatus | null {
  return CLIP_STATUSES.find((status) => lanes[status].includes(id)) ?? null;
}

/** The ids in board order (lane by lane, top to bottom), so a multi-selection keeps its order. */
export function inBoardOrder(lanes: Lanes, ids: Iterable<string>): string[] {
  const wanted = new Set(ids);
  return CLIP_STATUSES.flatMap((status) => lanes[status].filter((id) => wanted.has(id)));
}

/**
 * Moves `ids` into lane `to` so the first of them lands at `index` of that lane counted
 * without the moving clips. Unknown ids are ignored; the index is clamped.
 */
export function moveClips(lanes: Lanes, ids: readonly string[], to: ClipStatus, index: number): Lanes {
  const moving = inBoardOrder(lanes, ids);
  if (!moving.length) return lanes;
  const movingSet = new Set(moving);
  const next = {} as Record<ClipStatus, string[]>;
  for (const status of CLIP_STATUSES) next[status] = lanes[status].filter((id) => !movingSet.has(id));
  const target = next[to];
  const at = Math.max(0, Math.min(index, target.length));
  next[to] = [...target.slice(0, at), ...moving, ...target.slice(at)];
  return next;
}

/**
 * Where a drop lands: over a lane's empty space → its end; over a card → that card's place,
 * after it when the dragged card came from above it in the same lane.
 */
export function dropIndex(
  lanes: Lanes,
  movingIds: readonly string[],
  activeId: string,
  over: { lane: ClipStatus; cardId: string | null },
): number {
  const moving = new Set(movingIds);
  const remaining = lanes[over.lane].filter((id) => !moving.has(id));
  if (over.cardId === null || moving.has(over.cardId)) {
    if (over.cardId !== null && laneOf(lanes, activeId) === over.lane) {
      // Dropped on itself: stay where the first moving clip was.
      const first = lanes[over.lane].findIndex((id) => moving.has(id));
      return lanes[over.lane].slice(0, first).filter((id) => !moving.has(id)).length;
    }
    return remaining.length;
  }
  const overIndex = remaining.indexOf(over.cardId);
  const sameLane = laneOf(lanes, activeId) === over.lane;
  const from = lanes[over.lane].indexOf(activeId);
  const to = lanes[over.lane].indexOf(over.cardId);
  return sameLane && from < to ? overIndex + 1 : overIndex;
}

export function sameLanes(a: Lanes, b: Lanes): boolean {
  return CLIP_STATUSES.every(
    (status) => a[status].length === b[status].length && a[status].every((id, i) => b[status][i] === id),
  );
}

/** Lanes whose content or order differs. */
export function changedLanes(before: Lanes, after: Lanes): ClipStatus[] {
  return CLIP_STATUSES.filter(
    (status) =>
      before[status].length !== after[status].length ||
      before[status].some((id, i) => after[status][i] !== id),
  );
}
