import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  Menu,
  nativeImage,
  net,
  Notification,
  powerMonitor,
  protocol,
  screen,
  session,
  Tray,
} from 'electron';
import { createIPCHandler } from 'trpc-electron/main';
import { ulid } from '../node/ids/ulid.js';
import type { OpenedHost } from '../node/host/open-host.js';
import { appRouter } from '../node/api/app-router.js';
import { createMediaHandler, MEDIA_SCHEME } from './media-protocol.js';
import { nextPostsMenu, pendingPosts, showPostAlerts } from './post-alerts.js';
import { createQuitCoordinator } from './quit-coordinator.js';
import { isTrustedRendererUrl } from './trusted-sender.js';
import { fitBounds, loadWindowBounds, saveWindowBounds } from './window-state.js';

/** Content-Security-Policy for every page the app shows: nothing remote, no inline script. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob: kirinuki-media:; media-src 'self' blob: kirinuki-media:; connect-src 'self'";

export interface AppShellOptions {
  rendererDir: string;
  preloadPath: string;
  openHost: (libraryDir: string) => Promise<OpenedHost>;
  /** Resolves when running jobs have checkpointed (the job queue provides it). */
  checkpoint?: () => Promise<void>;
  quitTimeoutMs?: number;
}

/**
 * The Electron main process: one instance, one window that remembers its place, a tray that keeps
 * background work running when the window closes, and the AppRouter over IPC for our renderer only.
 */
export function runAppShell(options: AppShellOptions): void {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  // Before ready: the player streams library videos from kirinuki-media: (with Range for seeking).
  protocol.registerSchemesAsPrivileged([
    {
      scheme: MEDIA_SCHEME,
      privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true },
    },
  ]);
  let window: BrowserWindow | null = null;
  let tray: Tray | null = null;
  let host: OpenedHost | null = null;
  const stateFile = () => path.join(app.getPath('userData'), 'window-state.json');

  const showWindow = () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };
  app.on('second-instance', showWindow);

  const alerts = new AbortController();
  const postsNow = async () => (host?.posts ? await host.posts.list({}) : []);
  const quit = createQuitCoordinator({
    // Scheduled posts go out only while the app (or a `kirinuki scheduler`) runs: ask before quitting.
    confirm: async () => {
      const pending = pendingPosts(await postsNow());
      if (!pending) return true;
      const { response } = await dialog.showMessageBox({
        type: 'question',
        buttons: ['Keep running in the tray', 'Quit anyway'],
        defaultId: 0,
        cancelId: 0,
        message: `${pending} post${pending === 1 ? ' is' : 's are'} still to go out.`,
        detail:
          'While Kirinuki is closed, its scheduled posts do not go out (unless `kirinuki scheduler` runs on this library elsewhere); late ones are published when it starts again, or marked missed.',
      });
      return response === 1;
    },
    checkpoint: async () => {
      alerts.abort();
      await options.checkpoint?.();
      await host?.close();
    },
    quit: () => app.quit(),
    timeoutMs: options.quitTimeoutMs ?? 10_000,
  });
  app.on('before-quit', (event) => {
    if (quit.onBeforeQuit()) event.preventDefault();
  });

  void app.whenReady().then(async () => {
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({
        responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] },
      });
    });
    const libraryDir = path.join(app.getPath('userData'), 'library');
    mkdirSync(libraryDir, { recursive: true });
    host = await options.openHost(libraryDir);
    protocol.handle(
      MEDIA_SCHEME,
      createMediaHandler(host.parts, (url, init) => net.fetch(url, init)),
    );

    const bounds = fitBounds(
      loadWindowBounds(stateFile()),
      screen.getAllDisplays().map((d) => d.workArea),
    );
    window = new BrowserWindow({
      ...bounds,
      title: 'Kirinuki',
      show: false,
      webPreferences: {
        preload: options.preloadPath,
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
      },
    });
    if (bounds.maximized) window.maximize();
    // No window of ours for a link: a post's link or a sign-in page opens in the user's browser.
    window.webContents.setWindowOpenHandler(({ url }) => {
      void host?.desktop?.openUrl?.(url);
      return { action: 'deny' };
    });
    window.webContents.on('will-navigate', (event, url) => {
      if (!isTrustedRendererUrl(url, options.rendererDir)) event.preventDefault();
    });
    const current = host;
    createIPCHandler({
      router: appRouter,
      windows: [window],
      createContext: async ({ event }) => {
        if (!isTrustedRendererUrl(event.senderFrame?.url, options.rendererDir)) {
          throw new Error(`IPC from an untrusted frame (${event.senderFrame?.url ?? 'unknown'}) was refused`);
        }
        return { host: current, requestId: ulid() };
      },
    });
    window.once('ready-to-show', showWindow);
    window.on('close', (event) => {
      const win = window;
      if (!win) return;
      saveWindowBounds(stateFile(), { ...win.getNormalBounds(), maximized: win.isMaximized() });
      // With a tray, closing the window hides it: imports and renders keep running.
      if (tray) {
        event.preventDefault();
        win.hide();
      }
    });
    const icon = path.join(options.rendererDir, 'tray.png');
    tray = new Tray(existsSync(icon) ? nativeImage.createFromPath(icon) : nativeImage.createEmpty());
    tray.setToolTip('Kirinuki');
    // The tray shows the next posts; it is rebuilt each minute and when a notification arrives.
    const refreshTray = async () => {
      const lines = nextPostsMenu(await postsNow().catch(() => []), Date.now());
      tray?.setContextMenu(
        Menu.buildFromTemplate([
          { label: 'Next posts', enabled: false },
          ...lines.map((label) => ({ label: `  ${label}`, enabled: false })),
          { type: 'separator' },
          { label: 'Show Kirinuki', click: showWindow },
          {
            label: 'Open at login',
            type: 'checkbox',
            checked: app.getLoginItemSettings().openAtLogin,
            click: (item: { checked: boolean }) => app.setLoginItemSettings({ openAtLogin: item.checked }),
          },
          { label: 'Quit', click: () => app.quit() },
        ]),
      );
    };
    void refreshTray();
    setInterval(() => void refreshTray(), 60_000).unref();
    tray.on('click', showWindow);
    // After sleep, or when the clock was set, the scheduler looks at once for what came due meanwhile.
    powerMonitor.on('resume', () => current.wake());
    if (current.notifications && Notification.isSupported())
      void showPostAlerts(
        current,
        ({ title, body }) => {
          const shown = new Notification({ title, body });
          shown.on('click', showWindow);
          shown.show();
          void refreshTray();
        },
        alerts.signal,
      ).catch(() => undefined);
    void window.loadFile(path.join(options.rendererDir, 'index.html'));
  });
}
