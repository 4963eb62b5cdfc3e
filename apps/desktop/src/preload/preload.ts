import { contextBridge } from 'electron';

// The preload exposes the bridge and nothing else; the tRPC bridge replaces this when it lands.
contextBridge.exposeInMainWorld('kirinuki', { platform: process.platform });
