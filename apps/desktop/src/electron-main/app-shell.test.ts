import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';

const userData = mkdtempSync(path.join(tmpdir(), 'kirinuki-shell-'));
afterAll(() => rmSync(userData, { recursive: true, force: true }));

// A stand-in for the parts of Electron the shell uses; the shell's logic runs against it in Node.
const fake = await vi.hoisted(async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const state = {
    lock: true,
    windows: [] as Array<InstanceType<typeof FakeWindow>>,
    ipcCreateContext: null as null | ((opts: { event: unknown }) => Promise<unknown>),
    csp: '' as string,
    quitCalls: 0,
    openAtLogin: false,
    dialogAnswers: [] as number[],
    dialogs: [] as Array<{ message: string }>,
    menus: [] as Array<Array<{ label?: string; click?: (item: { checked: boolean }) => void }>>,
    privileged: [] as Array<{ scheme: string; privileges: Record<string, boolean> }>,
    protocolHandlers: new Map<string, (request: Request) => Promise<Response>>(),
  };
  class FakeWindow extends Emitter {
    options: Record<string, unknown>;
    shown = false;
    hidden = false;
    loaded = '';
    maximized = false;
    webContents = Object.assign(new Emitter(), { setWindowOpenHandler: vi.fn() });
    constructor(options: Record<string, unknown>) {
      super();
      this.options = options;
      state.windows.push(this);
    }
    isMinimized = () => false;
    restore = vi.fn();
    show = () => void (this.shown = true);
    hide = () => void (this.hidden = true);
    focus = vi.fn();
    maximize = () => void (this.maximized = true);
    isMaximized = () => this.maximized;
    getNormalBounds = () => ({ x: 10, y: 20, width: 1000, height: 700 });
    loadFile = async (file: string) => void (this.loaded = file);
  }
  const app = Object.assign(new Emitter(), {
    requestSingleInstanceLock: () => state.lock,
    quit: vi.fn(() => {
      state.quitCalls += 1;
      const event = {
        defaultPrevented: false,
        preventDefault() {
          this.defaultPrevented = true;
        },
      };
      app.emit('before-quit', event);
    }),
    whenReady: () => new Promise<void>((resolve) => app.once('test-ready', resolve)),
    getPath: (_name: string): string => '',
    getLoginItemSettings: () => ({ openAtLogin: state.openAtLogin }),
    setLoginItemSettings: (s: { openAtLogin: boolean }) => void (state.openAtLogin = s.openAtLogin),
  });
  return { state, FakeWindow, app };
});

vi.mock('electron', () => ({
  app: fake.app,
  BrowserWindow: fake.FakeWindow,
  Menu: { buildFromTemplate: (t: unknown) => t },
  dialog: {
    showMessageBox: async (o: { message: string }) => {
      fake.state.dialogs.push(o);
      return { response: fake.state.dialogAnswers.shift() ?? 1 };
    },
  },
  Notification: Object.assign(class {}, { isSupported: () => false }),
  powerMonitor: new EventEmitter(),
  nativeImage: { createFromPath: () => ({}), createEmpty: () => ({}) },
  screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
  session: {
    defaultSession: {
      webRequest: {
        onHeadersReceived: (
          fn: (
            d: { responseHeaders: Record<string, string[]> },
            cb: (r: { responseHeaders: Record<string, string[]> }) => void,
          ) => void,
        ) =>
          fn(
            { responseHeaders: {} },
            (r) => void (fake.state.csp = r.responseHeaders['Content-Security-Policy']?.[0] ?? ''),
          ),
      },
    },
  },
  protocol: {
    registerSchemesAsPrivileged: (schemes: typeof fake.state.privileged) =>
      fake.state.privileged.push(...schemes),
    handle: (scheme: string, handler: (request: Request) => Promise<Response>) =>
      fake.state.protocolHandlers.set(scheme, handler),
  },
  net: { fetch: async () => new Response('') },
  Tray: class extends EventEmitter {
    setToolTip = vi.fn();
    setContextMenu = vi.fn((menu: (typeof fake.state.menus)[number]) => fake.state.menus.push(menu));
  },
}));
vi.mock('trpc-electron/main', () => ({
  createIPCHandler: (opts: { createContext: (o: { event: unknown }) => Promise<unknown> }) => {
    fake.state.ipcCreateContext = opts.createContext;
  },
}));

const { runAppShell } = await import('./app-shell.js');

describe('runAppShell (main process, mocked electron)', () => {
  const rendererDir = path.join(userData, 'renderer');
  const posts: Array<{ status: string; at: string | null; platform: string }> = [];
  const host = {
    close: vi.fn(async () => undefined),
    parts: {},
    wake: vi.fn(),
    posts: { list: async () => posts },
  };
  let checkpointDone: () => void = () => undefined;
  beforeEach(() => {
    fake.app.getPath = () => userData;
  });

  it('opens one sandboxed window with a strict CSP and remembers where it was', async () => {
    writeFileSync(
      path.join(userData, 'window-state.json'),
      JSON.stringify({ x: 5000, y: 5000, width: 900, height: 600 }),
    );
    runAppShell({
      rendererDir,
      preloadPath: '/preload.cjs',
      openHost: async () => host as never,
      checkpoint: () => new Promise<void>((resolve) => (checkpointDone = resolve)),
      quitTimeoutMs: 5000,
    });
    fake.app.emit('test-ready');
    await vi.waitFor(() => expect(fake.state.windows).toHaveLength(1));
    const win = fake.state.windows[0]!;
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      preload: '/preload.cjs',
    });
    // Off-screen bounds are dropped, the size kept.
    expect(win.options).toMatchObject({ width: 900, height: 600 });
    expect(win.options.x).toBeUndefined();
    expect(fake.state.csp).toMatch(/default-src 'self'; script-src 'self'/);
    // Library media reach the player through one privileged scheme, allowed by the CSP and no further.
    expect(fake.state.csp).toMatch(/media-src 'self' blob: kirinuki-media:;/);
    expect(fake.state.privileged).toEqual([
      { scheme: 'kirinuki-media', privileges: expect.objectContaining({ stream: true, secure: true }) },
    ]);
    expect(fake.state.protocolHandlers.has('kirinuki-media')).toBe(true);
    await vi.waitFor(() => expect(win.loaded).toBe(path.join(rendererDir, 'index.html')));
  });

  it('answers IPC only from its own renderer page', async () => {
    const createContext = fake.state.ipcCreateContext!;
    await expect(
      createContext({
        event: { senderFrame: { url: pathToFileURL(path.join(rendererDir, 'index.html')).href } },
      }),
    ).resolves.toMatchObject({
      host,
    });
    await expect(createContext({ event: { senderFrame: { url: 'https://evil.example/' } } })).rejects.toThrow(
      /untrusted/,
    );
    await expect(createContext({ event: { senderFrame: { url: 'file:///etc/passwd' } } })).rejects.toThrow(
      /untrusted/,
    );
  });

  it('focuses the window when a second instance starts, hides to the tray on close', () => {
    const win = fake.state.windows[0]!;
    fake.app.emit('second-instance');
    expect(win.shown).toBe(true);
    const event = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    win.emit('close', event);
    expect(event.defaultPrevented).toBe(true);
    expect(win.hidden).toBe(true);
  });

  it('shows the next posts in the tray, with open-at-login; wakes the scheduler after sleep', async () => {
    await vi.waitFor(() => expect(fake.state.menus.length).toBeGreaterThan(0));
    const menu = fake.state.menus.at(-1)!;
    expect(menu.map((i) => i.label)).toEqual(
      expect.arrayContaining([
        'Next posts',
        '  No posts scheduled',
        'Show Kirinuki',
        'Open at login',
        'Quit',
      ]),
    );
    menu.find((i) => i.label === 'Open at login')!.click!({ checked: true });
    expect(fake.state.openAtLogin).toBe(true);
    const { powerMonitor } = (await import('electron')) as unknown as { powerMonitor: EventEmitter };
    powerMonitor.emit('resume');
    expect(host.wake).toHaveBeenCalledTimes(1);
  });

  it('asks before quitting with posts still to go out, and keeps running when told to', async () => {
    posts.push({ status: 'scheduled', at: new Date(Date.now() + 3_600_000).toISOString(), platform: 'x' });
    fake.state.dialogAnswers.push(0);
    const event = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    fake.app.emit('before-quit', event);
    expect(event.defaultPrevented).toBe(true);
    await vi.waitFor(() => expect(fake.state.dialogs).toHaveLength(1));
    expect(fake.state.dialogs[0]!.message).toBe('1 post is still to go out.');
    await new Promise((r) => setTimeout(r, 20));
    expect(host.close).not.toHaveBeenCalled();
    expect(fake.state.quitCalls).toBe(0);
  });

  it('holds the quit until background work checkpoints, then quits once', async () => {
    // "Quit anyway" (the dialog's default answer here) goes on to the checkpoint.
    const event = {
      defaultPrevented: false,
      preventDefault() {
        this.defaultPrevented = true;
      },
    };
    fake.app.emit('before-quit', event);
    expect(event.defaultPrevented).toBe(true);
    expect(fake.state.quitCalls).toBe(0);
    await vi.waitFor(() => expect(fake.state.dialogs).toHaveLength(2));
    await new Promise((r) => setTimeout(r, 20));
    checkpointDone();
    await vi.waitFor(() => expect(fake.state.quitCalls).toBe(1));
    expect(host.close).toHaveBeenCalledTimes(1);
  });

  it('a second instance quits at once', () => {
    fake.state.lock = false;
    const before = fake.state.quitCalls;
    runAppShell({ rendererDir, preloadPath: '/p', openHost: async () => host as never });
    expect(fake.state.quitCalls).toBe(before + 1);
  });
});
