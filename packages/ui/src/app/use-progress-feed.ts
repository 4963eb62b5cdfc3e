import { useEffect } from 'react';
import { useJobsStore } from '../jobs/jobs-store.js';
import { useHost } from './gateways-context.js';

/** Keeps one `jobs.progress` subscription open for the whole app. */
export function useProgressFeed(): void {
  const { jobs } = useHost();
  const receive = useJobsStore((s) => s.receive);
  const seed = useJobsStore((s) => s.seed);
  useEffect(() => {
    // Subscribe first, then read the snapshot, so no report falls between the two.
    const unsubscribe = jobs.subscribe(receive, (error) =>
      console.warn('progress subscription failed', error),
    );
    jobs.list?.().then(seed, (error: unknown) => console.warn('could not list jobs', error));
    return unsubscribe;
  }, [jobs, receive, seed]);
}
