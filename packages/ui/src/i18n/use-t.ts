import { useCallback } from 'react';
import { useUiStore } from '../app/ui-store.js';
import { interpolate, type Locale } from './format.js';
import { messagesEn, type MessageKey, type Messages } from './messages-en.js';
import { messagesJa } from './messages-ja.js';

const CATALOGS: Record<Locale, Messages> = { en: messagesEn, ja: messagesJa };

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export function translate(locale: Locale, key: MessageKey, values?: Record<string, string | number>): string {
  return interpolate(CATALOGS[locale][key], values, locale);
}

/** The current locale and a translate function bound to it. */
export function useT(): { t: Translate; locale: Locale } {
  const locale = useUiStore((s) => s.locale);
  const t = useCallback<Translate>((key, values) => translate(locale, key, values), [locale]);
  return { t, locale };
}
