import { useEffect, useRef, useState } from 'react';
import type { PublishPlatform } from '@kirinuki/contracts';
import type { ConnectedAccount } from '../api/api-types.js';
import type { DeveloperApp } from '../api/gateways.js';
import { toUserFacingProblem, type UserFacingProblem } from '../api/user-facing-error.js';
import { useHost } from '../app/gateways-context.js';

/**
 * One sign-in to a platform at a time: the host opens the platform's page in a browser and answers
 * once the user allowed Kirinuki; `stop` gives up waiting (the host closes its redirect listener).
 */
export function useConnectAccount(
  platform: PublishPlatform,
  handlers: { onConnected(account: ConnectedAccount): void; onSettled(): void },
) {
  const { accounts } = useHost();
  const [waiting, setWaiting] = useState(false);
  const [problem, setProblem] = useState<UserFacingProblem | null>(null);
  const running = useRef<AbortController | null>(null);
  const latest = useRef(handlers);
  latest.current = handlers;
  useEffect(() => () => running.current?.abort(), []);

  const connect = (app: DeveloperApp = {}) => {
    if (running.current) return;
    const controller = new AbortController();
    running.current = controller;
    setWaiting(true);
    setProblem(null);
    accounts
      .connect(platform, app, controller.signal)
      .then(
        (account) => controller.signal.aborted || latest.current.onConnected(account),
        (error: unknown) => controller.signal.aborted || setProblem(toUserFacingProblem(error)),
      )
      .finally(() => {
        if (running.current === controller) running.current = null;
        setWaiting(false);
        // The host saved the developer app even when the sign-in did not finish.
        latest.current.onSettled();
      });
  };
  const stop = () => {
    running.current?.abort();
    running.current = null;
    setWaiting(false);
  };
  return { connect, stop, waiting, problem, dismissProblem: () => setProblem(null) };
}
