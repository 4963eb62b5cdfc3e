import type { DatabaseDefinition } from '@kirinuki/db';
import { libraryMigrations } from './migrations/index.js';
import type { ClipsTable } from './clips.table.js';
import type { CloudVisionCacheTable } from './cloud-vision-cache.table.js';
import type { EventsTable } from './events.table.js';
import type { JobViewsTable } from './job-views.table.js';
import type { NotificationsTable } from './notifications.table.js';
import type { SettingsTable } from './settings.table.js';
import type { VideosTable } from './videos.table.js';

export interface LibraryDatabase {
  settings: SettingsTable;
  events: EventsTable;
  videos: VideosTable;
  clips: ClipsTable;
  job_views: JobViewsTable;
  cloud_vision_cache: CloudVisionCacheTable;
  notifications: NotificationsTable;
}

export const LIBRARY_DATABASE: DatabaseDefinition = {
  name: 'library',
  file: 'library.db',
  migrations: libraryMigrations,
};
