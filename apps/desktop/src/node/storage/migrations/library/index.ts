import type { Migration } from 'kysely';
import * as createSettings from './2026-11-28T0900-create-settings.js';

/** The static migration list of the library database, in apply order. */
export const libraryMigrations: Record<string, Migration> = {
  '2026-11-28T0900-create-settings': createSettings,
};
