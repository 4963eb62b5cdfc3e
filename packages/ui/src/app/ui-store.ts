import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { Locale } from '../i18n/format.js';

export type Screen = 'library' | 'board' | 'calendar' | 'jobs' | 'settings';
export type ThemeChoice = 'light' | 'dark' | 'system';
export type SettingsSection = 'accounts' | 'notifications';

export interface UiState {
  screen: Screen;
  /** The video whose clips the review board shows. */
  boardVideoId: string | null;
  locale: Locale;
  theme: ThemeChoice;
  /** A one-line message that outlives a screen change (e.g. “already in the library”). */
  notice: string | null;
  /** A Settings section to bring into view once it renders (then cleared). */
  settingsSection: SettingsSection | null;
  showNotice(notice: string | null): void;
  navigate(screen: Screen): void;
  openSettingsAt(section: SettingsSection | null): void;
  openBoard(videoId: string): void;
  setLocale(locale: Locale): void;
  setTheme(theme: ThemeChoice): void;
}

function initialLocale(): Locale {
  const language = typeof navigator === 'undefined' ? 'en' : navigator.language;
  return language.toLowerCase().startsWith('ja') ? 'ja' : 'en';
}

export const useUiStore = create<UiState>()(
  persist(
    (set) => ({
      screen: 'library',
      boardVideoId: null,
      locale: initialLocale(),
      theme: 'system',
      notice: null,
      settingsSection: null,
      showNotice: (notice) => set({ notice }),
      navigate: (screen) => set({ screen, notice: null }),
      openSettingsAt: (section) => set({ screen: 'settings', notice: null, settingsSection: section }),
      openBoard: (videoId) => set({ screen: 'board', boardVideoId: videoId }),
      setLocale: (locale) => set({ locale }),
      setTheme: (theme) => set({ theme }),
    }),
    {
      name: 'kirinuki.ui',
      storage: createJSONStorage(() => localStorage),
      partialize: (state) => ({ locale: state.locale, theme: state.theme, boardVideoId: state.boardVideoId }),
    },
  ),
);
