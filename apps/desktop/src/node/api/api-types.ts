// The one thing a package may take from the app: the AppRouter's type (`import type` only), so the
// UI's tRPC client is typed end to end without loading any of the app's code.
export type { AppRouter } from './app-router.js';
