// The one AppRouter: one router per domain, merged here. packages/ui imports its type only.
import { accountsRouter } from './routers/accounts-router.js';
import { clipsRouter } from './routers/clips-router.js';
import { postsRouter } from './routers/posts-router.js';
import { desktopRouter } from './routers/desktop-router.js';
import { modelsRouter } from './routers/models-router.js';
import { notificationsRouter } from './routers/notifications-router.js';
import { healthRouter } from './routers/health-router.js';
import { jobsRouter } from './routers/jobs-router.js';
import { libraryRouter } from './routers/library-router.js';
import { renderRouter } from './routers/render-router.js';
import { settingsRouter } from './routers/settings-router.js';
import { transcriptsRouter } from './routers/transcripts-router.js';
import { router } from './trpc.js';

export const appRouter = router({
  health: healthRouter,
  library: libraryRouter,
  jobs: jobsRouter,
  settings: settingsRouter,
  clips: clipsRouter,
  transcripts: transcriptsRouter,
  render: renderRouter,
  desktop: desktopRouter,
  models: modelsRouter,
  accounts: accountsRouter,
  posts: postsRouter,
  notifications: notificationsRouter,
});

export type AppRouter = typeof appRouter;
