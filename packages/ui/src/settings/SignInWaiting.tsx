import { useId, useState } from 'react';
import type { SignInState } from './use-connect-account.js';
import { useT } from '../i18n/use-t.js';

/**
 * A sign-in on its way: the page to allow Kirinuki on (with a link, in case no tab opened), and
 * for a registered https redirect the field for the address the browser landed on.
 */
export function SignInWaiting({
  platform,
  state,
  onPaste,
  onStop,
}: {
  /** The platform's name as shown. */
  platform: string;
  state: Exclude<SignInState, { phase: 'idle' }>;
  onPaste(url: string): void;
  onStop(): void;
}) {
  const { t } = useT();
  const id = useId();
  const [pasted, setPasted] = useState('');
  const stop = (
    <button type="button" className="btn btn-small" onClick={onStop}>
      {t('accounts.connecting.stop')}
    </button>
  );
  if (state.phase === 'starting')
    return (
      <div className="notice row" role="status" data-testid="accounts-waiting">
        <span>{t('accounts.connecting.starting', { platform })}</span>
        {stop}
      </div>
    );
  const { signIn, finishing } = state;
  const link = (
    <a href={signIn.authorizeUrl} target="_blank" rel="noopener noreferrer" data-testid="sign-in-link">
      {t('accounts.connecting.openPage', { platform })}
    </a>
  );
  if (signIn.receive === 'loopback')
    return (
      <div className="notice sign-in-waiting stack" role="status" data-testid="accounts-waiting">
        <span>
          {t('accounts.connecting', { platform })}{' '}
          {t(signIn.opened ? 'accounts.connecting.openedOnHost' : 'accounts.connecting.openedTab')}
        </span>
        <div className="row">
          {link}
          {stop}
        </div>
      </div>
    );
  return (
    <form
      className="notice sign-in-waiting stack"
      data-testid="accounts-waiting"
      aria-labelledby={`${id}-say`}
      onSubmit={(e) => (e.preventDefault(), onPaste(pasted))}
    >
      <span id={`${id}-say`} role="status">
        {t('accounts.paste.instructions', { platform, redirectUri: signIn.redirectUri })}
      </span>
      <div className="row">{link}</div>
      <label>
        {t('accounts.paste.label')}
        <input
          type="url"
          autoComplete="off"
          spellCheck={false}
          placeholder={`${signIn.redirectUri}?code=…`}
          data-testid="sign-in-pasted"
          value={pasted}
          onChange={(e) => setPasted(e.target.value)}
        />
      </label>
      <div className="row">
        <button type="submit" className="btn btn-primary" disabled={finishing || !pasted.trim()}>
          {t(finishing ? 'accounts.paste.finishing' : 'accounts.paste.submit')}
        </button>
        {stop}
      </div>
    </form>
  );
}
