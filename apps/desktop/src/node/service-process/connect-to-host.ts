import { messagePortMainPort, type MessagePortMainLike } from './message-port-main-port.js';
import { nodeIpcPort } from './node-ipc-port.js';
import type { ServicePort } from './service-port.js';

/** Electron's `process.parentPort` in a utility process, typed structurally (no electron import). */
interface ParentPortLike {
  once(event: 'message', listener: (event: { data: unknown; ports: MessagePortMainLike[] }) => void): unknown;
}

/**
 * The service side of the port. In an Electron utility process the host sends a MessagePortMain
 * through `process.parentPort` first; under `child_process.fork` the IPC channel is the port.
 * Either way the process exits when the port closes, so a killed host leaves no orphan.
 */
export function connectToHost(
  exit: (code: number) => void = (code) => process.exit(code),
): Promise<ServicePort> {
  const parentPort = (process as { parentPort?: ParentPortLike }).parentPort;
  if (parentPort) {
    return new Promise((resolve) => {
      parentPort.once('message', (event) => {
        const [transferred] = event.ports;
        if (!transferred) {
          exit(70);
          return;
        }
        const port = messagePortMainPort(transferred);
        port.onClose(() => exit(0));
        resolve(port);
      });
    });
  }
  if (!process.send) {
    return Promise.reject(new Error('a service entry must be started by the service host (no IPC channel)'));
  }
  const port = nodeIpcPort(process);
  port.onClose(() => exit(0));
  return Promise.resolve(port);
}
