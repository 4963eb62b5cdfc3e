import type { ServicePort } from './service-port.js';

/**
 * The parts of Electron's `MessagePortMain` used here, typed structurally so that both the main
 * process (`electron-main`) and a utility process (via `process.parentPort`) can wrap one
 * without this folder importing electron.
 */
export interface MessagePortMainLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  off(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  off(event: 'close', listener: () => void): unknown;
  start(): void;
  close(): void;
}

/** A ServicePort over a `MessagePortMain`; starts the port so queued messages flow. */
export function messagePortMainPort(port: MessagePortMainLike): ServicePort {
  let closed = false;
  const closeListeners = new Set<() => void>();
  const onClose = () => {
    if (closed) return;
    closed = true;
    for (const listener of [...closeListeners]) listener();
  };
  port.on('close', onClose);
  port.start();
  return {
    postMessage(message) {
      if (!closed) port.postMessage(message);
    },
    onMessage(listener) {
      const wrapped = (event: { data: unknown }) => listener(event.data);
      port.on('message', wrapped);
      return () => port.off('message', wrapped);
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
      port.close();
      onClose();
    },
  };
}
