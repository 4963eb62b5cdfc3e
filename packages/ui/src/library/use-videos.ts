import { useCallback, useEffect, useState } from 'react';
import type { Video } from '../api/api-types.js';
import { toUserFacingProblem, type UserFacingProblem } from '../api/user-facing-error.js';
import { useHost } from '../app/gateways-context.js';

/** The library's videos, loaded from the host, with a refresh for after imports and removals. */
export function useVideos() {
  const { library } = useHost();
  const [videos, setVideos] = useState<Video[] | null>(null);
  const [problem, setProblem] = useState<UserFacingProblem | null>(null);
  const refresh = useCallback(async () => {
    try {
      setVideos(await library.list());
      setProblem(null);
    } catch (error) {
      setProblem(toUserFacingProblem(error));
    }
  }, [library]);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  return { videos, problem, refresh };
}
