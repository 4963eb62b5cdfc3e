import { accountsRouter } from './routers/accounts-router.js';
import { postsRouter } from './routers/posts-router.js';
import { teamsRouter } from './routers/teams-router.js';
import { router } from './trpc.js';

export const serverRouter = router({ teams: teamsRouter, posts: postsRouter, accounts: accountsRouter });

/** The team server's tRPC API; desktops import this type only. */
export type ServerRouter = typeof serverRouter;
