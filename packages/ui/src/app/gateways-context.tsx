import { createContext, useContext, type ReactNode } from 'react';
import type { HostFiles } from '../api/host-files.js';
import type { HostMedia } from '../api/host-media.js';
import type { Gateways } from '../api/gateways.js';

export interface Host extends Gateways {
  files: HostFiles;
  media: HostMedia;
}

const HostContext = createContext<Host | null>(null);

export function HostProvider({ host, children }: { host: Host; children: ReactNode }) {
  return <HostContext.Provider value={host}>{children}</HostContext.Provider>;
}

export function useHost(): Host {
  const host = useContext(HostContext);
  if (!host) throw new Error('useHost() needs a <HostProvider> above it.');
  return host;
}
