import { useCallback, useEffect, useRef, useState } from 'react';
import { PUBLISH_PLATFORMS } from '@kirinuki/contracts';
import type { ConnectedAccount } from '../api/api-types.js';
import { toUserFacingProblem, type UserFacingProblem } from '../api/user-facing-error.js';
import { useHost } from '../app/gateways-context.js';
import { ProblemNotice } from '../app/ProblemNotice.js';
import { useT } from '../i18n/use-t.js';
import type { ClientIds } from './developer-app.js';
import { PlatformAccounts } from './PlatformAccounts.js';
import { useSectionTarget } from './use-section-target.js';

/** Settings → Accounts: the platform accounts Kirinuki may post to, per platform. */
export function AccountsSection({
  clientIds,
  instagramRedirect = '',
  onAppSaved,
}: {
  clientIds: ClientIds;
  /** The https redirect registered with the Instagram app, as saved. */
  instagramRedirect?: string;
  onAppSaved(): void;
}) {
  const { t } = useT();
  const { accounts: gateway } = useHost();
  const [accounts, setAccounts] = useState<ConnectedAccount[] | null>(null);
  const [problem, setProblem] = useState<UserFacingProblem | null>(null);
  const reload = useCallback(
    () =>
      gateway.list().then(
        (list) => (setAccounts(list), setProblem(null)),
        (error: unknown) => (setAccounts([]), setProblem(toUserFacingProblem(error))),
      ),
    [gateway],
  );
  useEffect(() => void reload(), [reload]);
  const heading = useRef<HTMLHeadingElement>(null);
  useSectionTarget('accounts', heading);
  return (
    <section className="card stack" aria-labelledby="accounts-heading" data-testid="accounts-section">
      <h2 id="accounts-heading" ref={heading} tabIndex={-1} style={{ margin: 0 }}>
        {t('accounts.heading')}
      </h2>
      <p className="muted" style={{ margin: 0 }}>
        {t('accounts.intro')}
      </p>
      {problem ? <ProblemNotice problem={problem} onDismiss={() => setProblem(null)} /> : null}
      <ul className="platform-list">
        {PUBLISH_PLATFORMS.map((platform) => (
          <PlatformAccounts
            key={platform}
            platform={platform}
            accounts={accounts ? accounts.filter((a) => a.platform === platform) : null}
            clientId={clientIds[platform]}
            {...(platform === 'instagram' ? { redirectUri: instagramRedirect } : {})}
            onChanged={() => (void reload(), onAppSaved())}
          />
        ))}
      </ul>
    </section>
  );
}
