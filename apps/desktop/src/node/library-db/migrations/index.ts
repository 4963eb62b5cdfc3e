import type { Migration } from 'kysely';
import * as createSettings from './2026-11-28T0900-create-settings.js';
import * as createVideosAndEvents from './2026-11-28T1000-create-videos-and-events.js';
import * as createClips from './2026-11-28T1100-create-clips.js';
import * as createJobViews from './2026-11-28T2200-create-job-views.js';
import * as createCloudVisionCache from './2026-11-28T2300-create-cloud-vision-cache.js';
import * as jobViewsBySubject from './2026-12-06T2210-job-views-by-subject.js';
import * as createNotifications from './2026-12-07T1230-create-notifications.js';

/** The static migration list of the library database, in apply order. */
export const libraryMigrations: Record<string, Migration> = {
  '2026-11-28T0900-create-settings': createSettings,
  '2026-11-28T1000-create-videos-and-events': createVideosAndEvents,
  '2026-11-28T1100-create-clips': createClips,
  '2026-11-28T2200-create-job-views': createJobViews,
  '2026-11-28T2300-create-cloud-vision-cache': createCloudVisionCache,
  '2026-12-06T2210-job-views-by-subject': jobViewsBySubject,
  '2026-12-07T1230-create-notifications': createNotifications,
};
