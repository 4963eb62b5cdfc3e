import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApiClient, detectHost } from './api/create-api-client.js';
import { localHostFiles, uploadingHostFiles } from './api/host-files.js';
import { browserHostMedia, electronHostMedia } from './api/host-media.js';
import { trpcGateways } from './api/trpc-gateways.js';
import { App } from './app/App.js';
import { HostProvider, type Host } from './app/gateways-context.js';
import './theme/app.css';
import './theme/publish.css';
import './theme/calendar.css';
import './theme/notifications.css';

const kind = detectHost();
const host: Host = {
  ...trpcGateways(createApiClient(kind), {
    openSignInOnHost: kind === 'electron',
    // The Electron main process shows its own system notifications; a browser tab shows them itself.
    hostShowsSystemNotifications: kind === 'electron',
  }),
  files: kind === 'electron' ? localHostFiles(globalThis as never) : uploadingHostFiles(location.origin),
  media: kind === 'electron' ? electronHostMedia() : browserHostMedia(location.origin),
};

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element.');
createRoot(root).render(
  <StrictMode>
    <HostProvider host={host}>
      <App />
    </HostProvider>
  </StrictMode>,
);
