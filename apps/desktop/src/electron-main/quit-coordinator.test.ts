import { describe, expect, it, vi } from 'vitest';
import { createQuitCoordinator } from './quit-coordinator.js';

// Quitting with posts still to go out asks first; "keep running" leaves everything as it was, and
// a later quit asks again; "quit" checkpoints the background work, then quits once.

function coordinator(answers: boolean[]) {
  let release: () => void = () => undefined;
  const quit = vi.fn();
  const confirm = vi.fn(async () => answers.shift() ?? true);
  const checkpoint = vi.fn(() => new Promise<void>((resolve) => (release = resolve)));
  const q = createQuitCoordinator({ checkpoint, quit, timeoutMs: 10_000, confirm });
  return { q, quit, confirm, checkpoint, release: () => release() };
}

describe('quit coordinator', () => {
  it('keeps running when the user says so, and asks again next time', async () => {
    const { q, quit, confirm, checkpoint } = coordinator([false, false]);
    expect(q.onBeforeQuit()).toBe(true);
    // While the question is open, another quit does not ask twice.
    expect(q.onBeforeQuit()).toBe(true);
    await vi.waitFor(() => expect(confirm).toHaveBeenCalledTimes(1));
    await new Promise((r) => setTimeout(r, 0));
    expect(checkpoint).not.toHaveBeenCalled();
    expect(q.onBeforeQuit()).toBe(true);
    await vi.waitFor(() => expect(confirm).toHaveBeenCalledTimes(2));
    expect(quit).not.toHaveBeenCalled();
  });

  it('checkpoints then quits once when the user confirms', async () => {
    const { q, quit, checkpoint, release } = coordinator([true]);
    expect(q.onBeforeQuit()).toBe(true);
    await vi.waitFor(() => expect(checkpoint).toHaveBeenCalledTimes(1));
    expect(q.onBeforeQuit()).toBe(true);
    release();
    await vi.waitFor(() => expect(quit).toHaveBeenCalledTimes(1));
    // The quit it makes goes through.
    expect(q.onBeforeQuit()).toBe(false);
  });
});
