import { useState } from 'react';
import type { ConnectedAccount } from '../api/api-types.js';

/** The account's picture, or its initial where there is none or it cannot load (the app's CSP blocks remote images). */
export function AccountAvatar({ account }: { account: Pick<ConnectedAccount, 'name' | 'avatarUrl'> }) {
  const [failed, setFailed] = useState(false);
  const initial = [...account.name.trim()][0]?.toUpperCase() ?? '?';
  if (account.avatarUrl && !failed)
    return (
      <img
        className="avatar"
        src={account.avatarUrl}
        alt=""
        referrerPolicy="no-referrer"
        onError={() => setFailed(true)}
      />
    );
  return (
    <span className="avatar avatar-initial" aria-hidden="true" data-testid="avatar-initial">
      {initial}
    </span>
  );
}
