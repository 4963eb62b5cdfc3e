import { useEffect, useRef, useState } from 'react';
import { PUBLISH_PLATFORM_LABELS } from '@kirinuki/contracts';
import type { ConnectedAccount } from '../api/api-types.js';
import { toUserFacingProblem, type UserFacingProblem } from '../api/user-facing-error.js';
import { useHost } from '../app/gateways-context.js';
import { ProblemNotice } from '../app/ProblemNotice.js';
import { formatDate } from '../i18n/format.js';
import { useT } from '../i18n/use-t.js';
import { AccountAvatar } from './AccountAvatar.js';

/** One connected account: who, whether it still signs in, Reconnect when not, Remove after a confirm. */
export function AccountRow({
  account,
  connecting,
  onReconnect,
  onRemoved,
}: {
  account: ConnectedAccount;
  connecting: boolean;
  onReconnect(): void;
  onRemoved(account: ConnectedAccount): void;
}) {
  const { t, locale } = useT();
  const { accounts } = useHost();
  const [confirming, setConfirming] = useState(false);
  const [removing, setRemoving] = useState(false);
  const [problem, setProblem] = useState<UserFacingProblem | null>(null);
  const confirmButton = useRef<HTMLButtonElement>(null);
  const removeButton = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);
  useEffect(() => {
    // Focus follows the question: to its answer when it opens, back to Remove when it closes.
    if (confirming) confirmButton.current?.focus();
    else if (wasConfirming.current) removeButton.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);
  const platform = PUBLISH_PLATFORM_LABELS[account.platform];
  const needsReconnect = account.status === 'reconnect';
  const names = { name: account.name, platform };
  const remove = () => {
    setRemoving(true);
    setProblem(null);
    accounts.remove(account.id).then(
      () => onRemoved(account),
      (error: unknown) => (setProblem(toUserFacingProblem(error)), setRemoving(false), setConfirming(false)),
    );
  };
  return (
    <li
      className="account-row"
      data-testid="account-row"
      data-account-id={account.id}
      data-status={account.status}
    >
      <AccountAvatar account={account} />
      <div className="account-who">
        <div className="row">
          <strong>{account.name}</strong>
          <span className={`badge ${needsReconnect ? 'badge-danger' : 'badge-ok'}`}>
            {t(needsReconnect ? 'accounts.status.reconnect' : 'accounts.status.connected')}
          </span>
        </div>
        <span className="muted account-meta">
          {t('accounts.connectedAt', { date: formatDate(account.connectedAt, locale) })}
        </span>
        {needsReconnect ? (
          <p className="account-warning">{t('accounts.reconnectNote', { platform })}</p>
        ) : null}
      </div>
      <div className="row account-actions">
        {needsReconnect ? (
          <button
            type="button"
            className="btn btn-primary"
            aria-label={t('accounts.reconnect.label', names)}
            disabled={connecting}
            onClick={onReconnect}
          >
            {t('accounts.reconnect')}
          </button>
        ) : null}
        {confirming ? null : (
          <button
            ref={removeButton}
            type="button"
            className="btn btn-danger"
            aria-label={t('accounts.remove.label', names)}
            onClick={() => setConfirming(true)}
          >
            {t('accounts.remove')}
          </button>
        )}
      </div>
      {confirming ? (
        <div
          className="confirm row"
          role="group"
          aria-label={t('accounts.remove.label', names)}
          onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), setConfirming(false))}
        >
          <span>{t('accounts.remove.confirm', { name: account.name })}</span>
          <button
            ref={confirmButton}
            type="button"
            className="btn btn-danger"
            disabled={removing}
            onClick={remove}
          >
            {t('accounts.remove.yes')}
          </button>
          <button type="button" className="btn" disabled={removing} onClick={() => setConfirming(false)}>
            {t('accounts.remove.no')}
          </button>
        </div>
      ) : null}
      {problem ? <ProblemNotice problem={problem} onDismiss={() => setProblem(null)} /> : null}
    </li>
  );
}
