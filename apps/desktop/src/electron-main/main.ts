import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openHost } from '../node/host/open-host.js';
import { createLogger } from '../node/logging/create-logger.js';
import { STAGE_SERVICES } from '../node/stage-handlers/stage-host.js';
import { runAppShell } from './app-shell.js';
import { electronDesktopShell } from './electron-desktop-shell.js';
import { createSafeStorageSecretStore } from './safe-storage-secret-store.js';
import { launchElectronService } from './services/electron-service-launcher.js';

const here = path.dirname(fileURLToPath(import.meta.url));

runAppShell({
  rendererDir: path.join(here, 'renderer'),
  preloadPath: path.join(here, 'preload.cjs'),
  openHost: (libraryDir) =>
    openHost({
      libraryDir,
      logger: createLogger({
        logDir: path.join(libraryDir, 'logs'),
        consoleLevel: 'warn',
        pretty: false,
        correlationId: 'app',
      }),
      run: 'background',
      scheduler: true,
      launcher: launchElectronService,
      // Built next to main.mjs by scripts/start-electron.ts.
      entries: Object.fromEntries(
        STAGE_SERVICES.map((name) => [name, path.join(here, `${name}-service.entry.mjs`)]),
      ),
      secrets: createSafeStorageSecretStore(path.join(libraryDir, 'secrets')),
      desktop: electronDesktopShell(),
    }),
});
