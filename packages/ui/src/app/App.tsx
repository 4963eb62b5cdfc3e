import { lazy, Suspense } from 'react';
import { ReviewBoardScreen } from '../board/ReviewBoardScreen.js';
import { useT } from '../i18n/use-t.js';
import { JobsScreen } from '../jobs/JobsScreen.js';
import { LibraryScreen } from '../library/LibraryScreen.js';
import { NotificationCentre } from '../notifications/NotificationCentre.js';
import { useNotificationFeed } from '../notifications/use-notification-feed.js';
import { SettingsScreen } from '../settings/SettingsScreen.js';
import { NavBar } from './NavBar.js';
import { PreferencesBar } from './PreferencesBar.js';
import { useUiStore } from './ui-store.js';
import { useDocumentPreferences } from './use-document-preferences.js';
import { useProgressFeed } from './use-progress-feed.js';

// The calendar (with luxon's zone rules) loads the first time it opens.
const CalendarScreen = lazy(async () => ({
  default: (await import('../calendar/CalendarScreen.js')).CalendarScreen,
}));

export function App() {
  const { t } = useT();
  const screen = useUiStore((s) => s.screen);
  const notice = useUiStore((s) => s.notice);
  const showNotice = useUiStore((s) => s.showNotice);
  useDocumentPreferences();
  useProgressFeed();
  useNotificationFeed();
  return (
    <div className="app">
      <aside className="sidebar">
        <div className="sidebar-head">
          <div className="brand">{t('app.title')}</div>
          <NotificationCentre />
        </div>
        <NavBar />
        <PreferencesBar />
      </aside>
      <main className="main" id="main">
        {notice ? (
          <div
            className="notice row"
            role="status"
            data-testid="notice"
            style={{ justifyContent: 'space-between', marginBottom: '0.75rem' }}
          >
            <span>{notice}</span>
            <button type="button" className="btn btn-small" onClick={() => showNotice(null)}>
              {t('error.dismiss')}
            </button>
          </div>
        ) : null}
        {screen === 'library' ? <LibraryScreen /> : null}
        {screen === 'board' ? <ReviewBoardScreen /> : null}
        {screen === 'calendar' ? (
          <Suspense fallback={null}>
            <CalendarScreen />
          </Suspense>
        ) : null}
        {screen === 'jobs' ? <JobsScreen /> : null}
        {screen === 'settings' ? <SettingsScreen /> : null}
      </main>
    </div>
  );
}
