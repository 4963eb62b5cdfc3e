import { LOCALES, type Locale } from '../i18n/format.js';
import { useT } from '../i18n/use-t.js';
import { useUiStore, type ThemeChoice } from './ui-store.js';

const LANGUAGE_NAMES: Record<Locale, string> = { en: 'English', ja: '日本語' };

/** Language and theme, in the sidebar of every screen. */
export function PreferencesBar() {
  const { t, locale } = useT();
  const theme = useUiStore((s) => s.theme);
  const setLocale = useUiStore((s) => s.setLocale);
  const setTheme = useUiStore((s) => s.setTheme);
  return (
    <div className="prefs">
      <label>
        {t('prefs.language')}
        <select
          data-testid="locale-select"
          value={locale}
          onChange={(e) => setLocale(e.target.value as Locale)}
        >
          {LOCALES.map((l) => (
            <option key={l} value={l} lang={l}>
              {LANGUAGE_NAMES[l]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('prefs.theme')}
        <select
          data-testid="theme-select"
          value={theme}
          onChange={(e) => setTheme(e.target.value as ThemeChoice)}
        >
          <option value="system">{t('prefs.theme.system')}</option>
          <option value="light">{t('prefs.theme.light')}</option>
          <option value="dark">{t('prefs.theme.dark')}</option>
        </select>
      </label>
    </div>
  );
}
