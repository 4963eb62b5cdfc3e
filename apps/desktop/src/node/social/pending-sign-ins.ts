import type { PublishPlatform } from '@kirinuki/contracts';

/** A sign-in begun on the host and not yet finished: what it waits on and how to let go of it. */
export interface PendingSignIn {
  platform: PublishPlatform;
  /** Lets go of what it holds open (the loopback listener); called once, when it ends. */
  close(): Promise<void>;
}

/**
 * The sign-ins the host is waiting on, by id. Each ends at the latest after its time to live, so
 * a UI that went away (a closed tab, a dropped connection) never leaves a listener open.
 */
export function pendingSignIns<T extends PendingSignIn>() {
  const entries = new Map<string, { signIn: T; timer: NodeJS.Timeout }>();
  const end = async (id: string) => {
    const found = entries.get(id);
    if (!found) return false;
    entries.delete(id);
    clearTimeout(found.timer);
    await found.signIn.close();
    return true;
  };
  return {
    add(id: string, signIn: T, ttlMs: number) {
      const timer = setTimeout(() => void end(id), ttlMs);
      timer.unref();
      entries.set(id, { signIn, timer });
    },
    get: (id: string) => entries.get(id)?.signIn,
    /** Ends a sign-in (closing its listener); false when there was none by that id. */
    end,
    /** Ids of the sign-ins waiting for a platform. */
    idsOf: (platform: PublishPlatform) =>
      [...entries].filter(([, e]) => e.signIn.platform === platform).map(([id]) => id),
    endAll: async () => void (await Promise.all([...entries.keys()].map(end))),
  };
}
