import { useState } from 'react';
import { PUBLISH_PLATFORM_LABELS, type PublishPlatform } from '@kirinuki/contracts';
import type { ConnectedAccount } from '../api/api-types.js';
import { ProblemNotice } from '../app/ProblemNotice.js';
import { useT } from '../i18n/use-t.js';
import { AccountRow } from './AccountRow.js';
import { needsRegisteredRedirect } from './developer-app.js';
import { DeveloperAppForm } from './DeveloperAppForm.js';
import { SignInWaiting } from './SignInWaiting.js';
import { useConnectAccount } from './use-connect-account.js';

/** One platform in Settings → Accounts: its accounts, and how to connect one. */
export function PlatformAccounts({
  platform,
  accounts,
  clientId,
  redirectUri = '',
  onChanged,
}: {
  platform: PublishPlatform;
  /** null while they load. */
  accounts: readonly ConnectedAccount[] | null;
  clientId: string;
  /** Instagram: the https redirect registered with the app, as saved. */
  redirectUri?: string;
  onChanged(): void;
}) {
  const { t } = useT();
  const label = PUBLISH_PLATFORM_LABELS[platform];
  const [formOpen, setFormOpen] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const connection = useConnectAccount(platform, {
    onConnected: (account) => {
      setFormOpen(false);
      setNotice(t('accounts.connected', { name: account.name }));
    },
    onSettled: onChanged,
  });
  const registered = needsRegisteredRedirect(platform);
  // Without a developer app (or Instagram's registered redirect) the host cannot sign in: ask first.
  const start = () => {
    setNotice(null);
    if (clientId && (!registered || redirectUri)) connection.connect();
    else setFormOpen(true);
  };
  const asked = connection.problem?.code;
  const showForm =
    !connection.waiting &&
    (formOpen || asked === 'PLATFORM_NOT_CONFIGURED' || (registered && asked === 'NOT_SUPPORTED'));
  return (
    <li
      className="platform-accounts"
      data-testid={`accounts-${platform}`}
      aria-labelledby={`accounts-${platform}-h`}
    >
      <div className="platform-accounts-head">
        <h3 id={`accounts-${platform}-h`}>{label}</h3>
        <span className="muted">
          {clientId ? t('accounts.app.set', { clientId }) : t('accounts.app.unset')}
        </span>
      </div>
      {accounts === null ? (
        <p className="muted">{t('accounts.loading')}</p>
      ) : accounts.length === 0 ? (
        <p className="muted">{t('accounts.none')}</p>
      ) : (
        <ul className="account-list">
          {accounts.map((account) => (
            <AccountRow
              key={account.id}
              account={account}
              connecting={connection.waiting}
              onReconnect={start}
              onRemoved={(removed) => (setNotice(t('accounts.removed', { name: removed.name })), onChanged())}
            />
          ))}
        </ul>
      )}
      {registered ? (
        <p className="muted field-note" data-testid="accounts-registered-redirect">
          {t('accounts.instagram.note', { platform: label })}
        </p>
      ) : null}
      {connection.state.phase !== 'idle' ? (
        <SignInWaiting
          platform={label}
          state={connection.state}
          onPaste={connection.paste}
          onStop={connection.stop}
        />
      ) : (
        <div className="row">
          <button type="button" className="btn" data-testid={`connect-${platform}`} onClick={start}>
            {accounts?.length
              ? t('accounts.connectAnother', { platform: label })
              : t('accounts.connect', { platform: label })}
          </button>
          {clientId && !showForm ? (
            <button type="button" className="btn btn-small" onClick={() => setFormOpen(true)}>
              {t('accounts.app.change')}
            </button>
          ) : null}
        </div>
      )}
      {showForm ? (
        <DeveloperAppForm
          platform={platform}
          clientId={clientId}
          redirectUri={redirectUri}
          onSubmit={(app) => (setFormOpen(false), connection.connect(app))}
          onCancel={() => (setFormOpen(false), connection.dismissProblem())}
        />
      ) : null}
      {connection.problem ? (
        <ProblemNotice problem={connection.problem} onDismiss={connection.dismissProblem} />
      ) : null}
      {notice ? (
        <p role="status" className="muted" style={{ margin: 0 }}>
          {notice}
        </p>
      ) : null}
    </li>
  );
}
