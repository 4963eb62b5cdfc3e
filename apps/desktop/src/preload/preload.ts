import { contextBridge, webUtils } from 'electron';
import { exposeElectronTRPC } from 'trpc-electron/main';

// The preload exposes the tRPC bridge, and the path of a dropped file (Electron no longer puts it
// on File objects), and nothing else.
process.once('loaded', () => {
  exposeElectronTRPC();
  contextBridge.exposeInMainWorld('kirinukiFiles', {
    pathForFile: (file: File) => webUtils.getPathForFile(file),
  });
});
