export type { ServerRouter } from './trpc/server-router.js';
export { buildSyncServer, type SyncServerOptions } from './server.js';
export { startSyncServer, type RunningSyncServer } from './start-sync-server.js';
export { resolveServerConfig, type ServerConfig } from './config/server-config.js';
export { TEAM_PERMISSIONS, TEAM_ROLES, type TeamRole, type TeamPermission } from './teams/team-roles.js';
