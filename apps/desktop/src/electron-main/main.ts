import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createAppServices } from '../node/api/create-app-services.js';
import { STAGE_SERVICES } from '../node/jobs/stage-host.js';
import { createLogger } from '../node/logging/create-logger.js';
import { runAppShell } from './app-shell.js';
import { electronDesktopShell } from './electron-desktop-shell.js';
import { createSafeStorageSecretStore } from './safe-storage-secret-store.js';
import { launchElectronService } from './services/electron-service-launcher.js';

const here = path.dirname(fileURLToPath(import.meta.url));

runAppShell({
  rendererDir: path.join(here, 'renderer'),
  preloadPath: path.join(here, 'preload.cjs'),
  createServices: (libraryDir) =>
    createAppServices(
      libraryDir,
      createLogger({
        logDir: path.join(libraryDir, 'logs'),
        consoleLevel: 'warn',
        pretty: false,
        correlationId: 'app',
      }),
      launchElectronService,
      // Built next to main.mjs by scripts/start-electron.ts.
      Object.fromEntries(STAGE_SERVICES.map((name) => [name, path.join(here, `${name}-service.entry.mjs`)])),
      createSafeStorageSecretStore(path.join(libraryDir, 'secrets')),
      electronDesktopShell(),
    ),
});
