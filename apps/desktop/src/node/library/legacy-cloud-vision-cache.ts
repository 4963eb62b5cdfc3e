import type { Kysely } from 'kysely';
import type { LibraryDatabase } from '../library-db/library-database.js';
import { folderTextCache, libraryCacheDir } from './folder-text-cache.js';

/**
 * Libraries made before the vision service kept its own cache hold cloud vision answers in
 * `library.db` (`cloud_vision_cache`): they move to `<library>/cache/cloud-vision/` once, so none
 * has to be paid for again. Rows are deleted only after their files are written.
 */
export async function moveLegacyCloudVisionCache(
  db: Kysely<LibraryDatabase>,
  libraryDir: string,
): Promise<number> {
  const rows = await db.selectFrom('cloud_vision_cache').select(['key', 'value']).execute();
  if (!rows.length) return 0;
  const cache = folderTextCache(libraryCacheDir(libraryDir, 'cloud-vision'));
  for (const row of rows) await cache.set(row.key, row.value);
  await db
    .deleteFrom('cloud_vision_cache')
    .where(
      'key',
      'in',
      rows.map((r) => r.key),
    )
    .execute();
  return rows.length;
}
