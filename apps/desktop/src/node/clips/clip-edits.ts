import { UserFacingError } from '@kirinuki/contracts';
import { sql, type Kysely, type Transaction } from 'kysely';
import { ulid } from '../ids/ulid.js';
import { statusEventType, type Clip, type ClipProposal, type ClipStatus } from '@kirinuki/contracts';
import { deterministicEventId, newEventId } from '../events/event-id.js';
import { appendEvents } from '../events/events-repository.js';
import type { LibraryDatabase } from '../library-db/library-database.js';
import { deleteClips, findClip, listClips, upsertClip } from './clips-repository.js';

type Db = Kysely<LibraryDatabase>;
type Trx = Transaction<LibraryDatabase>;

/**
 * Stores a set of proposals for a video with one ClipsProposed event. `key` names the set
 * (content hash + settings): storing the set already in force for the video and platform again (a
 * retried stage) is a no-op.
 * Earlier proposals still in the Proposed lane for the same platform are replaced; reviewed clips stay.
 */
export async function storeProposals(
  db: Db,
  input: {
    videoId: string;
    /** A moment that stays the same when the stage is retried (the job's creation), for the event id. */
    stableAtMs: number;
    platform: string;
    style: string;
    key: string;
    proposals: ClipProposal[];
  },
): Promise<{ clips: Clip[]; stored: boolean }> {
  return db.transaction().execute(async (trx) => {
    // The proposals now in force for this video and platform: the latest ClipsProposed of it.
    const latest = (
      await trx
        .selectFrom('events')
        .select(['id', 'payload'])
        .where('aggregateId', '=', input.videoId)
        .where('type', '=', 'ClipsProposed')
        .orderBy(sql`rowid`, 'desc')
        .execute()
    )
      .map((e) => ({
        id: e.id,
        ...(JSON.parse(e.payload) as { platform: string; key: string; clips: Array<{ id: string }> }),
      }))
      .find((e) => e.platform === input.platform);
    // The same set is in force already (a retried stage, or a rerun with the same inputs).
    if (latest?.key === input.key) {
      // That set's clips as they are now (reviewed or edited since), not other sets' clips.
      const ids = new Set(latest.clips.map((c) => c.id));
      return {
        clips: (await listClips(trx, { videoId: input.videoId })).filter((c) => ids.has(c.id)),
        stored: false,
      };
    }
    // Deterministic from what it replaces, so a retry after a crash writes the same event once;
    // a set proposed before and replaced since can be proposed again (e.g. the re-rank turned off).
    const eventId = deterministicEventId(
      input.stableAtMs,
      `ClipsProposed:${input.videoId}:${input.key}${latest ? `:after:${latest.id}` : ''}`,
    );
    const replaced = (await listClips(trx, { videoId: input.videoId, status: 'proposed' }))
      .filter((c) => c.platform === input.platform)
      .map((c) => c.id);
    await deleteClips(trx, replaced);
    const now = new Date().toISOString();
    const clips: Clip[] = input.proposals.map((p, i) => ({
      id: ulid(),
      videoId: input.videoId,
      rank: p.rank,
      start: p.start,
      end: p.end,
      duration: p.duration,
      score: p.score,
      reasons: p.reasons,
      text: p.text,
      title: p.title,
      hashtags: p.hashtags,
      status: 'proposed',
      position: i,
      platform: input.platform,
      style: input.style,
      captions: [],
      features: p.features ?? {},
      createdAt: now,
      updatedAt: now,
    }));
    for (const clip of clips) await upsertClip(trx, clip);
    await appendEvents(trx, [
      {
        id: eventId,
        type: 'ClipsProposed',
        aggregateId: input.videoId,
        at: now,
        payload: { videoId: input.videoId, platform: input.platform, key: input.key, clips, replaced },
      },
    ]);
    return { clips, stored: true };
  });
}

async function requireClip(trx: Trx, id: string): Promise<Clip> {
  const clip = await findClip(trx, id);
  if (!clip)
    throw new UserFacingError('NOT_FOUND', `No clip with id ${id}.`, {
      hint: 'Run `kirinuki clips list` to see the clips.',
    });
  return clip;
}

async function record(trx: Trx, type: string, clip: Clip): Promise<void> {
  await upsertClip(trx, clip);
  await appendEvents(trx, [
    { id: newEventId(), type, aggregateId: clip.id, at: clip.updatedAt, payload: { clip } },
  ]);
}

/** Renumbers a lane so positions are 0..n-1 in the given order. */
async function renumber(
  trx: Trx,
  ordered: Clip[],
  now: string,
  moved: Set<string>,
  type: (c: Clip) => string,
) {
  for (const [position, clip] of ordered.entries()) {
    if (clip.position === position && !moved.has(clip.id)) continue;
    await record(trx, type(clip), { ...clip, position, updatedAt: now });
  }
}

/** Moves clips to a lane (approve, reject, back to proposed), at `position` or the end. */
export async function setClipStatus(
  db: Db,
  ids: readonly string[],
  status: ClipStatus,
  position?: number,
): Promise<Clip[]> {
  if (!ids.length) return [];
  return db.transaction().execute(async (trx) => {
    const moving = [];
    for (const id of ids) moving.push(await requireClip(trx, id));
    const videoIds = new Set(moving.map((c) => c.videoId));
    if (videoIds.size > 1)
      throw new UserFacingError('INVALID_ARGUMENT', 'Clips of different videos cannot be moved together.');
    const videoId = moving[0]!.videoId;
    const now = new Date().toISOString();
    const movingIds = new Set(ids);
    const lane = (await listClips(trx, { videoId, status })).filter((c) => !movingIds.has(c.id));
    const at = Math.max(0, Math.min(position ?? lane.length, lane.length));
    const ordered = [...lane.slice(0, at), ...moving.map((c) => ({ ...c, status })), ...lane.slice(at)];
    await renumber(trx, ordered, now, movingIds, (c) =>
      movingIds.has(c.id) ? statusEventType(status) : 'ClipMoved',
    );
    // Close the gaps in the lanes the clips left.
    for (const left of new Set(moving.map((c) => c.status).filter((s) => s !== status))) {
      await renumber(trx, await listClips(trx, { videoId, status: left }), now, new Set(), () => 'ClipMoved');
    }
    return listClips(trx, { videoId });
  });
}

/** Reorders one lane to exactly `orderedIds` (every clip of the lane, once). */
export async function reorderClips(
  db: Db,
  videoId: string,
  status: ClipStatus,
  orderedIds: readonly string[],
): Promise<Clip[]> {
  return db.transaction().execute(async (trx) => {
    const lane = await listClips(trx, { videoId, status });
    const byId = new Map(lane.map((c) => [c.id, c]));
    if (
      orderedIds.length !== lane.length ||
      orderedIds.some((id) => !byId.has(id)) ||
      new Set(orderedIds).size !== orderedIds.length
    ) {
      throw new UserFacingError(
        'INVALID_ARGUMENT',
        `The new order must list each of the ${lane.length} ${status} clips once.`,
      );
    }
    await renumber(
      trx,
      orderedIds.map((id) => byId.get(id)!),
      new Date().toISOString(),
      new Set(),
      () => 'ClipMoved',
    );
    return listClips(trx, { videoId });
  });
}

export interface ClipEdit {
  start?: number | undefined;
  end?: number | undefined;
  title?: string | undefined;
  style?: string | undefined;
  platform?: string | undefined;
  hashtags?: string[] | undefined;
  captions?: Array<{ index: number; text: string }> | undefined;
}

/** Edits a clip (trim, title, style, caption text) with a ClipUpdated event. */
export async function updateClip(
  db: Db,
  id: string,
  edit: ClipEdit,
  limits: { videoDurationSec: number },
): Promise<Clip> {
  return db.transaction().execute(async (trx) => {
    const clip = await requireClip(trx, id);
    const start = edit.start ?? clip.start;
    const end = edit.end ?? clip.end;
    if (!(start >= 0 && end > start + 0.5 && end <= limits.videoDurationSec + 0.001)) {
      throw new UserFacingError(
        'INVALID_ARGUMENT',
        `A clip must run forwards inside the video (0–${limits.videoDurationSec.toFixed(1)} s), at least 0.5 s long; got ${start}–${end}.`,
      );
    }
    const captions = edit.captions ? mergeCaptionEdits(clip.captions, edit.captions) : clip.captions;
    const updated: Clip = {
      ...clip,
      start,
      end,
      duration: Math.round((end - start) * 1000) / 1000,
      ...(edit.title !== undefined ? { title: edit.title } : {}),
      ...(edit.style !== undefined ? { style: edit.style } : {}),
      ...(edit.platform !== undefined ? { platform: edit.platform } : {}),
      ...(edit.hashtags !== undefined ? { hashtags: edit.hashtags } : {}),
      captions,
      updatedAt: new Date().toISOString(),
    };
    await record(trx, 'ClipUpdated', updated);
    return updated;
  });
}

export function mergeCaptionEdits(current: Clip['captions'], edits: Clip['captions']): Clip['captions'] {
  const byIndex = new Map(current.map((c) => [c.index, c.text]));
  for (const edit of edits) byIndex.set(edit.index, edit.text);
  return [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([index, text]) => ({ index, text }));
}
