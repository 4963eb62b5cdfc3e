import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '../../src/app/App.js';
import { HostProvider } from '../../src/app/gateways-context.js';
import { useUiStore } from '../../src/app/ui-store.js';
import '../../src/theme/app.css';
import '../../src/theme/publish.css';
import '../../src/theme/calendar.css';
import '../../src/theme/notifications.css';
import { useNotificationsStore } from '../../src/notifications/notifications-store.js';
import { demoHost } from './demo-host.js';

// ?scenario=accounts|publish|notifications&locale=en|ja&theme=light|dark&video=<url>
const query = new URLSearchParams(location.search);
const asked = query.get('scenario');
const scenario = asked === 'publish' || asked === 'notifications' ? asked : 'accounts';
useUiStore.setState({
  screen: scenario === 'publish' ? 'board' : scenario === 'notifications' ? 'library' : 'settings',
  boardVideoId: 'v1',
  locale: query.get('locale') === 'ja' ? 'ja' : 'en',
  theme: query.get('theme') === 'dark' ? 'dark' : 'light',
});
if (scenario === 'notifications') useNotificationsStore.setState({ open: true });
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <HostProvider host={demoHost({ scenario, videoUrl: query.get('video') ?? '' })}>
      <App />
    </HostProvider>
  </StrictMode>,
);
