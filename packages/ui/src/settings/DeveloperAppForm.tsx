import { useId, useState } from 'react';
import { PUBLISH_PLATFORM_LABELS, type PublishPlatform } from '@kirinuki/contracts';
import type { DeveloperApp } from '../api/gateways.js';
import { useT } from '../i18n/use-t.js';
import { DEVELOPER_APP, needsRegisteredRedirect } from './developer-app.js';

/**
 * The user's developer app on a platform: its id (saved in the settings) and secret (the secret
 * store), and for Instagram the https redirect registered with it.
 */
export function DeveloperAppForm({
  platform,
  clientId,
  redirectUri = '',
  onSubmit,
  onCancel,
}: {
  platform: PublishPlatform;
  clientId: string;
  redirectUri?: string;
  onSubmit(app: DeveloperApp & { redirectUri?: string }): void;
  onCancel(): void;
}) {
  const { t } = useT();
  const id = useId();
  const app = DEVELOPER_APP[platform];
  const label = PUBLISH_PLATFORM_LABELS[platform];
  const [value, setValue] = useState(clientId);
  const [secret, setSecret] = useState('');
  const registered = needsRegisteredRedirect(platform);
  const [redirect, setRedirect] = useState(redirectUri);
  const redirectMissing = registered && !/^https:\/\/\S+$/.test(redirect.trim());
  // A saved app may already have its secret in the store: then it may stay empty.
  const secretMissing = app.secret === 'required' && !clientId && !secret.trim();
  const secretHint =
    app.secret === 'optional'
      ? t('accounts.app.secretOptional')
      : `${t('accounts.app.secretRequired', { platform: label })}${clientId ? ` ${t('accounts.app.secretKept')}` : ''}`;
  return (
    <form
      className="developer-app stack"
      aria-labelledby={`${id}-heading`}
      data-testid={`developer-app-${platform}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (!value.trim() || secretMissing || redirectMissing) return;
        onSubmit({
          clientId: value.trim(),
          ...(secret.trim() ? { clientSecret: secret.trim() } : {}),
          ...(registered ? { redirectUri: redirect.trim() } : {}),
        });
      }}
      onKeyDown={(e) => e.key === 'Escape' && (e.stopPropagation(), onCancel())}
    >
      <strong id={`${id}-heading`}>{t('accounts.app.heading', { platform: label })}</strong>
      <p className="muted" style={{ margin: 0 }}>
        {t('accounts.app.needed', { platform: label, portal: app.portal })}
      </p>
      <label>
        {t(app.idLabel === 'clientKey' ? 'accounts.app.clientKey' : 'accounts.app.clientId')}
        <input
          type="text"
          autoComplete="off"
          spellCheck={false}
          // The form opens because the id is wanted: start there.
          autoFocus
          data-testid="developer-app-client-id"
          value={value}
          onChange={(e) => setValue(e.target.value)}
        />
      </label>
      <label>
        {t('accounts.app.clientSecret')}
        <input
          type="password"
          autoComplete="off"
          data-testid="developer-app-client-secret"
          aria-describedby={`${id}-secret-hint`}
          value={secret}
          onChange={(e) => setSecret(e.target.value)}
        />
      </label>
      <p id={`${id}-secret-hint`} className="muted field-note">
        {secretHint}
      </p>
      {registered ? (
        <>
          <label>
            {t('accounts.app.redirectUri')}
            <input
              type="url"
              autoComplete="off"
              spellCheck={false}
              placeholder="https://"
              data-testid="developer-app-redirect-uri"
              aria-describedby={`${id}-redirect-hint`}
              value={redirect}
              onChange={(e) => setRedirect(e.target.value)}
            />
          </label>
          <p id={`${id}-redirect-hint`} className="muted field-note">
            {t('accounts.app.redirectUriHint', { platform: label })}
          </p>
        </>
      ) : null}
      <div className="row">
        <button
          type="submit"
          className="btn btn-primary"
          disabled={!value.trim() || secretMissing || redirectMissing}
        >
          {t('accounts.app.submit')}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          {t('accounts.app.cancel')}
        </button>
      </div>
    </form>
  );
}
