import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { connectToHost } from './connect-to-host.js';

/** Stand-ins shaped like Electron's `process.parentPort` and a MessagePortMain. */
class FakePort extends EventEmitter {
  sent: unknown[] = [];
  started = false;
  postMessage(message: unknown) {
    this.sent.push(message);
  }
  start() {
    this.started = true;
  }
  close() {
    this.emit('close');
  }
}

const withParentPort = (parentPort: EventEmitter | undefined) => {
  (process as { parentPort?: EventEmitter }).parentPort = parentPort;
};
afterEach(() => withParentPort(undefined));

describe('connectToHost in an Electron utility process', () => {
  it('takes the MessagePortMain the host transfers and exits when it closes', async () => {
    const parentPort = new EventEmitter();
    withParentPort(parentPort);
    const exit = vi.fn();
    const connecting = connectToHost(exit);
    const transferred = new FakePort();
    parentPort.emit('message', { data: { kind: 'connect' }, ports: [transferred] });
    const port = await connecting;
    expect(transferred.started).toBe(true);

    const received: unknown[] = [];
    port.onMessage((m) => received.push(m));
    transferred.emit('message', { data: { kind: 'ping', id: 1 } });
    port.postMessage({ kind: 'pong', id: 1 });
    expect(received).toEqual([{ kind: 'ping', id: 1 }]);
    expect(transferred.sent).toEqual([{ kind: 'pong', id: 1 }]);

    expect(exit).not.toHaveBeenCalled();
    transferred.emit('close');
    expect(exit).toHaveBeenCalledWith(0);
  });

  it('exits when the host sends no port', async () => {
    const parentPort = new EventEmitter();
    withParentPort(parentPort);
    const exit = vi.fn();
    void connectToHost(exit);
    parentPort.emit('message', { data: {}, ports: [] });
    expect(exit).toHaveBeenCalledWith(70);
  });
});
