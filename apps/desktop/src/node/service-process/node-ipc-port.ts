import type { ServicePort } from './service-port.js';

/** What a ChildProcess (host side) and `process` (child side) share for IPC. */
export interface NodeIpcEndpoint {
  readonly connected: boolean;
  send?(message: unknown, callback?: (error: Error | null) => void): boolean;
  disconnect?(): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'disconnect', listener: () => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'disconnect', listener: () => void): unknown;
}

/** A ServicePort over Node's fork IPC channel; messages after the channel closed are dropped. */
export function nodeIpcPort(endpoint: NodeIpcEndpoint): ServicePort {
  let closed = !endpoint.connected;
  const closeListeners = new Set<() => void>();
  const onDisconnect = () => {
    if (closed) return;
    closed = true;
    for (const listener of [...closeListeners]) listener();
  };
  endpoint.on('disconnect', onDisconnect);
  return {
    postMessage(message) {
      if (closed || !endpoint.connected || !endpoint.send) return;
      // The callback swallows the error of a channel closing mid-send; onClose reports that.
      endpoint.send(message, () => undefined);
    },
    onMessage(listener) {
      endpoint.on('message', listener);
      return () => endpoint.off('message', listener);
    },
    onClose(listener) {
      if (closed) {
        queueMicrotask(listener);
        return () => undefined;
      }
      closeListeners.add(listener);
      return () => closeListeners.delete(listener);
    },
    close() {
      if (endpoint.connected) endpoint.disconnect?.();
      onDisconnect();
    },
  };
}
