/**
 * Quitting waits for background work to reach a checkpoint (jobs keep their leases durable, so a
 * hard stop loses nothing, but a clean stop avoids redoing work); after `timeoutMs` it quits anyway.
 */
export function createQuitCoordinator(options: {
  checkpoint: () => Promise<void>;
  quit: () => void;
  timeoutMs: number;
  log?: (message: string) => void;
}) {
  let state: 'running' | 'stopping' | 'ready' = 'running';
  return {
    /** Call from `before-quit`; returns true when the quit must be held (call preventDefault). */
    onBeforeQuit(): boolean {
      if (state === 'ready') return false;
      if (state === 'stopping') return true;
      state = 'stopping';
      const timeout = new Promise<void>((resolve) =>
        setTimeout(() => {
          options.log?.(`background work did not stop within ${options.timeoutMs} ms; quitting anyway`);
          resolve();
        }, options.timeoutMs).unref(),
      );
      void Promise.race([options.checkpoint().catch(() => undefined), timeout]).then(() => {
        state = 'ready';
        options.quit();
      });
      return true;
    },
  };
}
