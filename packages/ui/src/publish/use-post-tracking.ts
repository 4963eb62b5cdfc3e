import { useCallback, useEffect, useState } from 'react';
import type { Post } from '../api/api-types.js';
import { useHost } from '../app/gateways-context.js';
import { useJobsStore } from '../jobs/jobs-store.js';
import { isFinalPost } from './post-progress.js';

/** How often the posts are read again while one is still on its way (the feed also triggers a read). */
export const POST_POLL_MS = 2000;

/**
 * Follows the posts one publish made: their records (posts.list, read again while any is on its way
 * and whenever one of their jobs changes on the feed) and their jobs' ids, to show the jobs' progress.
 */
export function usePostTracking(initial: readonly Post[]) {
  const { posts: gateway } = useHost();
  const [posts, setPosts] = useState<readonly Post[]>(initial);
  const [jobIds, setJobIds] = useState<Readonly<Record<string, readonly string[]>>>({});
  const clipId = initial[0]?.clipId;

  const refresh = useCallback(async () => {
    const listed = await gateway.list(clipId ? { clipId } : {}).catch(() => null);
    if (listed) setPosts((current) => current.map((p) => listed.find((l) => l.id === p.id) ?? p));
  }, [gateway, clipId]);
  const findJobs = useCallback(
    (post: Post) =>
      gateway.jobIds(post).then(
        (ids) => setJobIds((s) => ({ ...s, [post.id]: ids })),
        () => undefined,
      ),
    [gateway],
  );
  useEffect(() => {
    for (const post of initial) void findJobs(post);
  }, [initial, findJobs]);

  const onItsWay = posts.some((p) => !isFinalPost(p.status));
  useEffect(() => {
    if (!onItsWay) return;
    const timer = setInterval(() => void refresh(), POST_POLL_MS);
    return () => clearInterval(timer);
  }, [onItsWay, refresh]);

  // A job of these posts moved on (a stage began or ended): its post's record moved too.
  const watched = Object.values(jobIds).flat();
  const jobTurns = useJobsStore((s) =>
    watched.map((id) => `${s.jobs[id]?.status ?? ''}${s.jobs[id]?.stages.length ?? 0}`).join(','),
  );
  useEffect(() => {
    if (jobTurns) void refresh();
  }, [jobTurns, refresh]);

  const replace = (post: Post) => setPosts((current) => current.map((p) => (p.id === post.id ? post : p)));
  return {
    posts,
    jobIds,
    retry: async (post: Post) => {
      replace(await gateway.retry(post.id));
      void findJobs(post);
    },
    cancel: async (post: Post) => replace(await gateway.cancel(post.id)),
  };
}
