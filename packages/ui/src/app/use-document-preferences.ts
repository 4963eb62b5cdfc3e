import { useEffect, useState } from 'react';
import { useUiStore } from './ui-store.js';

/** Puts the chosen language and theme on <html> (lang for fonts and screen readers). */
export function useDocumentPreferences(): void {
  const locale = useUiStore((s) => s.locale);
  const theme = useUiStore((s) => s.theme);
  const [systemDark, setSystemDark] = useState(
    () => matchMedia?.('(prefers-color-scheme: dark)').matches ?? false,
  );
  useEffect(() => {
    const query = matchMedia?.('(prefers-color-scheme: dark)');
    if (!query) return;
    const onChange = () => setSystemDark(query.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
    document.documentElement.dataset.theme = theme === 'system' ? (systemDark ? 'dark' : 'light') : theme;
  }, [locale, theme, systemDark]);
}
