/**
 * Quitting asks first when something would be held back (`confirm`: scheduled posts that only go
 * out while the app runs), then waits for background work to reach a checkpoint (jobs keep their
 * leases durable, so a hard stop loses nothing, but a clean stop avoids redoing work); after
 * `timeoutMs` it quits anyway.
 */
export function createQuitCoordinator(options: {
  checkpoint: () => Promise<void>;
  quit: () => void;
  timeoutMs: number;
  /** Resolves true to go on quitting; false keeps the app running. Absent: always quit. */
  confirm?: () => Promise<boolean>;
  log?: (message: string) => void;
}) {
  let state: 'running' | 'asking' | 'stopping' | 'ready' = 'running';
  const stop = () => {
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
  };
  return {
    /** Call from `before-quit`; returns true when the quit must be held (call preventDefault). */
    onBeforeQuit(): boolean {
      if (state === 'ready') return false;
      if (state !== 'running') return true;
      if (!options.confirm) {
        stop();
        return true;
      }
      state = 'asking';
      void options
        .confirm()
        .catch(() => true)
        .then((go) => {
          if (go) stop();
          else state = 'running';
        });
      return true;
    },
  };
}
