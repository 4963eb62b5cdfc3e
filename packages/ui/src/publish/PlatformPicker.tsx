import { PUBLISH_PLATFORM_LABELS, PUBLISH_PLATFORMS, type PublishPlatform } from '@kirinuki/contracts';
import type { ConnectedAccount } from '../api/api-types.js';
import { useT } from '../i18n/use-t.js';
import { usableAccounts } from './publish-form.js';

/** Where to post: only platforms with an account that can post now; how to connect the others. */
export function PlatformPicker({
  accounts,
  chosen,
  onToggle,
  onOpenSettings,
}: {
  accounts: readonly ConnectedAccount[];
  chosen: readonly PublishPlatform[];
  onToggle(platform: PublishPlatform, on: boolean): void;
  onOpenSettings(): void;
}) {
  const { t, locale } = useT();
  const missing = PUBLISH_PLATFORMS.filter((p) => usableAccounts(accounts, p).length === 0);
  return (
    <fieldset className="platform-picker" data-testid="platform-picker">
      <legend>{t('publish.platforms')}</legend>
      <div className="row">
        {PUBLISH_PLATFORMS.map((platform) => {
          const usable = usableAccounts(accounts, platform).length > 0;
          const reconnect = !usable && accounts.some((a) => a.platform === platform);
          return (
            <label key={platform} className="platform-choice" data-available={usable}>
              <input
                type="checkbox"
                data-testid={`choose-${platform}`}
                checked={chosen.includes(platform)}
                disabled={!usable}
                onChange={(e) => onToggle(platform, e.target.checked)}
              />
              <span>{PUBLISH_PLATFORM_LABELS[platform]}</span>
              {usable ? null : (
                <span className="muted">
                  ({t(reconnect ? 'publish.platform.reconnect' : 'publish.platform.noAccount')})
                </span>
              )}
            </label>
          );
        })}
      </div>
      {missing.length ? (
        <p className="muted row" style={{ margin: 0 }} data-testid="connect-others">
          {missing.length === PUBLISH_PLATFORMS.length
            ? t('publish.noAccounts')
            : t('publish.connectOthers', {
                platforms: new Intl.ListFormat(locale, { type: 'disjunction' }).format(
                  missing.map((p) => PUBLISH_PLATFORM_LABELS[p]),
                ),
              })}
          <button type="button" className="btn btn-small" onClick={onOpenSettings}>
            {t('publish.goToSettings')}
          </button>
        </p>
      ) : null}
    </fieldset>
  );
}
