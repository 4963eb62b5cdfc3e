import type { Kysely, Selectable, Transaction } from 'kysely';
import type { VideoRecord } from '@kirinuki/contracts';
import type { LibraryDatabase } from '../library-db/library-database.js';
import type { VideosTable } from '../library-db/videos.table.js';

type Db = Kysely<LibraryDatabase> | Transaction<LibraryDatabase>;

export function rowToVideo(row: Selectable<VideosTable>): VideoRecord {
  return { ...row, hasAudio: Boolean(row.hasAudio), mediaInfo: JSON.parse(row.mediaInfo) as unknown };
}

export function videoToRow(video: VideoRecord): VideosTable {
  return { ...video, hasAudio: video.hasAudio ? 1 : 0, mediaInfo: JSON.stringify(video.mediaInfo) };
}

export async function findVideoById(db: Db, id: string): Promise<VideoRecord | null> {
  const row = await db.selectFrom('videos').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? rowToVideo(row) : null;
}

export async function findVideoBySha256(db: Db, sha256: string): Promise<VideoRecord | null> {
  const row = await db.selectFrom('videos').selectAll().where('sha256', '=', sha256).executeTakeFirst();
  return row ? rowToVideo(row) : null;
}

export async function listVideos(db: Db): Promise<VideoRecord[]> {
  const rows = await db.selectFrom('videos').selectAll().orderBy('createdAt').orderBy('id').execute();
  return rows.map(rowToVideo);
}

export async function insertVideo(db: Db, video: VideoRecord): Promise<void> {
  await db.insertInto('videos').values(videoToRow(video)).execute();
}

export async function deleteVideo(db: Db, id: string): Promise<void> {
  await db.deleteFrom('videos').where('id', '=', id).execute();
}
