import { exposeElectronTRPC } from 'trpc-electron/main';

// The preload exposes the tRPC bridge and nothing else.
process.once('loaded', () => {
  exposeElectronTRPC();
});
