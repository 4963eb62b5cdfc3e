import type { Kysely, Selectable, Transaction } from 'kysely';
import type { Clip, ClipStatus } from '@kirinuki/contracts';
import type { ClipsTable } from '../library-db/clips.table.js';
import type { LibraryDatabase } from '../library-db/library-database.js';

type Db = Kysely<LibraryDatabase> | Transaction<LibraryDatabase>;

export function rowToClip(row: Selectable<ClipsTable>): Clip {
  return {
    ...row,
    duration: Math.round((row.end - row.start) * 1000) / 1000,
    reasons: JSON.parse(row.reasons) as string[],
    hashtags: JSON.parse(row.hashtags) as string[],
    captions: JSON.parse(row.captions) as Clip['captions'],
    features: JSON.parse(row.features) as Clip['features'],
  };
}

export function clipToRow(clip: Clip): ClipsTable {
  const { duration: _duration, ...rest } = clip;
  return {
    ...rest,
    reasons: JSON.stringify(clip.reasons),
    hashtags: JSON.stringify(clip.hashtags),
    captions: JSON.stringify(clip.captions),
    features: JSON.stringify(clip.features),
  };
}

export async function listClips(
  db: Db,
  filter: { videoId?: string | undefined; status?: ClipStatus | undefined } = {},
): Promise<Clip[]> {
  let query = db.selectFrom('clips').selectAll();
  if (filter.videoId) query = query.where('videoId', '=', filter.videoId);
  if (filter.status) query = query.where('status', '=', filter.status);
  const rows = await query.orderBy('videoId').orderBy('status').orderBy('position').orderBy('rank').execute();
  return rows.map(rowToClip);
}

export async function findClip(db: Db, id: string): Promise<Clip | null> {
  const row = await db.selectFrom('clips').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? rowToClip(row) : null;
}

export async function upsertClip(db: Db, clip: Clip): Promise<void> {
  const row = clipToRow(clip);
  await db
    .insertInto('clips')
    .values(row)
    .onConflict((oc) => oc.column('id').doUpdateSet(row))
    .execute();
}

export async function deleteClips(db: Db, ids: readonly string[]): Promise<void> {
  if (ids.length) await db.deleteFrom('clips').where('id', 'in', ids).execute();
}
