import { render, type RenderResult } from '@testing-library/react';
import type { ReactNode } from 'react';
import { HostProvider, type Host } from '../app/gateways-context.js';
import { useUiStore } from '../app/ui-store.js';
import { useJobsStore } from '../jobs/jobs-store.js';
import { useNotificationsStore } from '../notifications/notifications-store.js';

/** Renders with a host and fresh app stores (English, library screen). */
export function renderWithHost(host: Host, ui: ReactNode): RenderResult {
  useUiStore.setState({
    screen: 'library',
    boardVideoId: null,
    locale: 'en',
    theme: 'light',
    settingsSection: null,
  });
  useJobsStore.setState({ jobs: {} });
  useNotificationsStore.setState({ items: [], unread: 0, open: false, loaded: false, latest: null });
  return render(<HostProvider host={host}>{ui}</HostProvider>);
}
