import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from '../../src/app/App.js';
import { HostProvider } from '../../src/app/gateways-context.js';
import { useUiStore } from '../../src/app/ui-store.js';
import '../../src/theme/app.css';
import '../../src/theme/publish.css';
import { demoHost } from './demo-host.js';

// ?scenario=accounts|publish&locale=en|ja&theme=light|dark&video=<url>
const query = new URLSearchParams(location.search);
const scenario = query.get('scenario') === 'publish' ? 'publish' : 'accounts';
useUiStore.setState({
  screen: scenario === 'publish' ? 'board' : 'settings',
  boardVideoId: 'v1',
  locale: query.get('locale') === 'ja' ? 'ja' : 'en',
  theme: query.get('theme') === 'dark' ? 'dark' : 'light',
});
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <HostProvider host={demoHost({ scenario, videoUrl: query.get('video') ?? '' })}>
      <App />
    </HostProvider>
  </StrictMode>,
);
