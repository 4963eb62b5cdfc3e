import { BrowserWindow, dialog, shell } from 'electron';
import type { DesktopShell } from '../common/desktop-shell.js';

/** The app's folder picker (a sheet on the focused window), "show in folder" and the browser. */
export function electronDesktopShell(): DesktopShell {
  return {
    async chooseFolder({ title, defaultPath }) {
      const options: Electron.OpenDialogOptions = {
        title,
        properties: ['openDirectory', 'createDirectory'],
        ...(defaultPath ? { defaultPath } : {}),
      };
      const window = BrowserWindow.getFocusedWindow();
      const chosen = await (window ? dialog.showOpenDialog(window, options) : dialog.showOpenDialog(options));
      return chosen.canceled ? null : (chosen.filePaths[0] ?? null);
    },
    async revealFile(file) {
      shell.showItemInFolder(file);
    },
    async openUrl(url) {
      // Only the platforms' own sign-in pages come here: https (or a local fake on loopback).
      if (!/^https:|^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(url)) return false;
      await shell.openExternal(url);
      return true;
    },
  };
}
