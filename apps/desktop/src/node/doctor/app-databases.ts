import type { DatabaseDefinition } from '@kirinuki/db';
import { LIBRARY_DATABASE } from '../library-db/library-database.js';
import { JOBS_DATABASE } from '../queue-sqlite/jobs-database.js';
import { SOCIAL_DATABASE } from '../social-db/social-database.js';

/** Every database the app owns; `doctor` reports on each. */
export const ALL_DATABASES: readonly DatabaseDefinition[] = [
  LIBRARY_DATABASE,
  JOBS_DATABASE,
  SOCIAL_DATABASE,
];
