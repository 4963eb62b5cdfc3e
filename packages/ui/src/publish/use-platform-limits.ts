import { useCallback, useEffect, useRef, useState } from 'react';
import { toUserFacingProblem, type UserFacingProblem } from '../api/user-facing-error.js';
import { useHost } from '../app/gateways-context.js';
import type { LimitsState } from './publish-form.js';

export type AccountLimits = LimitsState & { problem?: UserFacingProblem };

/**
 * What each account's platform accepts now (posts.limits: TikTok's creator_info…), asked once per
 * account as the form needs it, and again on `retry`.
 */
export function usePlatformLimits(accountIds: readonly string[]) {
  const { posts } = useHost();
  const [byAccount, setByAccount] = useState<Readonly<Record<string, AccountLimits>>>({});
  const asked = useRef(new Set<string>());
  const ask = useCallback(
    (accountId: string) => {
      asked.current.add(accountId);
      setByAccount((s) => ({ ...s, [accountId]: { state: 'loading' } }));
      posts.limits(accountId).then(
        (limits) => setByAccount((s) => ({ ...s, [accountId]: { state: 'ready', limits } })),
        (error: unknown) =>
          setByAccount((s) => ({
            ...s,
            [accountId]: { state: 'failed', problem: toUserFacingProblem(error) },
          })),
      );
    },
    [posts],
  );
  const wanted = accountIds.join('\n');
  useEffect(() => {
    for (const id of wanted.split('\n')) if (id && !asked.current.has(id)) ask(id);
  }, [wanted, ask]);
  return { byAccount, retry: ask };
}
