import { useEffect, useRef, useState } from 'react';
import type { PublishPlatform } from '@kirinuki/contracts';
import type { ConnectedAccount, SignInStarted } from '../api/api-types.js';
import type { DeveloperApp } from '../api/gateways.js';
import { toUserFacingProblem, type UserFacingProblem } from '../api/user-facing-error.js';
import { useHost } from '../app/gateways-context.js';

/** Where one sign-in is: beginning on the host, then waiting for the browser (or the pasted address). */
export type SignInState =
  { phase: 'idle' } | { phase: 'starting' } | { phase: 'waiting'; signIn: SignInStarted; finishing: boolean };

interface Run {
  controller: AbortController;
  signInId: string | null;
}

/** Opens the platform's sign-in page in a new tab (the click that began the sign-in allows it). */
export function openSignInPage(url: string): void {
  globalThis.open?.(url, '_blank', 'noopener');
}

/**
 * One sign-in to a platform at a time: the host begins it and answers the page to open (the page
 * opens it when the host's desktop did not), then the account arrives once the browser came back
 * (or from the address the user pastes, for a registered https redirect). `stop` ends it on the host.
 */
export function useConnectAccount(
  platform: PublishPlatform,
  handlers: { onConnected(account: ConnectedAccount): void; onSettled(): void },
) {
  const { accounts } = useHost();
  const [state, setState] = useState<SignInState>({ phase: 'idle' });
  const [problem, setProblem] = useState<UserFacingProblem | null>(null);
  const running = useRef<Run | null>(null);
  const latest = useRef(handlers);
  latest.current = handlers;

  const cancelOnHost = (signInId: string | null) =>
    signInId && void accounts.cancelConnect(signInId).catch(() => undefined);
  const end = (run: Run) => {
    if (running.current !== run) return;
    running.current = null;
    setState({ phase: 'idle' });
    // The host saved the developer app even when the sign-in did not finish.
    latest.current.onSettled();
  };
  const stop = () => {
    const run = running.current;
    if (!run) return;
    run.controller.abort();
    cancelOnHost(run.signInId);
    end(run);
  };
  // Leaving the screen ends the sign-in on the host too (its listener closes now, not at the timeout).
  useEffect(
    () => () => {
      running.current?.controller.abort();
      cancelOnHost(running.current?.signInId ?? null);
      running.current = null;
    },
    [],
  );

  const finish = (run: Run, signIn: SignInStarted, redirectedUrl?: string) => {
    const { signal } = run.controller;
    accounts.finishConnect(signIn.signInId, { ...(redirectedUrl ? { redirectedUrl } : {}), signal }).then(
      (account) => {
        if (signal.aborted) return;
        latest.current.onConnected(account);
        end(run);
      },
      (error: unknown) => {
        if (signal.aborted) return;
        setProblem(toUserFacingProblem(error));
        // A wrong address leaves the sign-in waiting on the host: the user may paste again.
        if (redirectedUrl !== undefined) setState({ phase: 'waiting', signIn, finishing: false });
        else end(run);
      },
    );
  };

  const connect = (app: DeveloperApp & { redirectUri?: string } = {}) => {
    if (running.current) return;
    const run: Run = { controller: new AbortController(), signInId: null };
    running.current = run;
    setState({ phase: 'starting' });
    setProblem(null);
    accounts.beginConnect(platform, app).then(
      (signIn) => {
        if (run.controller.signal.aborted) return cancelOnHost(signIn.signInId);
        run.signInId = signIn.signInId;
        // The host saved the developer app as the sign-in began: the settings show it while it waits.
        if (Object.keys(app).length) latest.current.onSettled();
        if (!signIn.opened) openSignInPage(signIn.authorizeUrl);
        setState({ phase: 'waiting', signIn, finishing: false });
        if (signIn.receive === 'loopback') finish(run, signIn);
      },
      (error: unknown) => {
        if (run.controller.signal.aborted) return;
        setProblem(toUserFacingProblem(error));
        end(run);
      },
    );
  };

  /** The address the browser landed on, pasted by the user (a registered https redirect). */
  const paste = (url: string) => {
    const run = running.current;
    if (!run || state.phase !== 'waiting' || state.finishing || !url.trim()) return;
    setProblem(null);
    setState({ ...state, finishing: true });
    finish(run, state.signIn, url.trim());
  };

  return {
    connect,
    stop,
    paste,
    state,
    waiting: state.phase !== 'idle',
    problem,
    dismissProblem: () => setProblem(null),
  };
}
