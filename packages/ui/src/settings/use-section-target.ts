import { useEffect, type RefObject } from 'react';
import { useUiStore, type SettingsSection } from '../app/ui-store.js';

/** Brings this section into view (and focus) when another screen asked for it, e.g. “Connect again”. */
export function useSectionTarget(section: SettingsSection, heading: RefObject<HTMLElement | null>): void {
  const target = useUiStore((s) => s.settingsSection);
  useEffect(() => {
    if (target !== section || !heading.current) return;
    heading.current.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
    heading.current.focus({ preventScroll: true });
    useUiStore.setState({ settingsSection: null });
  }, [target, section, heading]);
}
