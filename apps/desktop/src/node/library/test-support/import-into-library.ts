import { importMedia, type ImportOptions } from '../../stage-services/ingest/import-media.js';
import type { Library } from '../library.js';
import { knownContent, recordImport, type ImportResult } from '../record-import.js';

/** An import as the ingest stage does it, in one process: the service's work, then the host's record. */
export async function importIntoLibrary(
  library: Library,
  input: string,
  options: Omit<ImportOptions, 'isKnown'>,
): Promise<ImportResult> {
  const known = new Set(await knownContent(library));
  return recordImport(
    library,
    await importMedia(library, input, { ...options, isKnown: (sha) => known.has(sha) }),
  );
}
