import { useT } from '../i18n/use-t.js';
import type { MessageKey } from '../i18n/messages-en.js';
import { useUiStore, type Screen } from './ui-store.js';

const ITEMS: Array<{ screen: Screen; label: MessageKey }> = [
  { screen: 'library', label: 'nav.library' },
  { screen: 'board', label: 'nav.board' },
  { screen: 'calendar', label: 'nav.calendar' },
  { screen: 'jobs', label: 'nav.jobs' },
  { screen: 'settings', label: 'nav.settings' },
];

export function NavBar() {
  const { t } = useT();
  const screen = useUiStore((s) => s.screen);
  const navigate = useUiStore((s) => s.navigate);
  return (
    <nav className="nav" aria-label={t('nav.label')}>
      {ITEMS.map((item) => (
        <button
          key={item.screen}
          type="button"
          data-testid={`nav-${item.screen}`}
          aria-current={screen === item.screen ? 'page' : undefined}
          onClick={() => navigate(item.screen)}
        >
          {t(item.label)}
        </button>
      ))}
    </nav>
  );
}
