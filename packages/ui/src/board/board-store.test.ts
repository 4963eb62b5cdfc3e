import { describe, expect, it } from 'vitest';
import { FakeClipsGateway, makeClip } from '../test-support/fake-clips-gateway.js';
import { createBoardStore } from './board-store.js';

async function setup(count = 4) {
  const gateway = new FakeClipsGateway(Array.from({ length: count }, (_, i) => makeClip(i)));
  const store = createBoardStore(gateway);
  await store.getState().load('v1');
  const settled = async () => {
    while (store.getState().pending > 0) await new Promise((r) => setTimeout(r, 0));
  };
  const hostLanes = () => ({
    proposed: gateway.lane('proposed'),
    approved: gateway.lane('approved'),
    rejected: gateway.lane('rejected'),
  });
  return { gateway, store, settled, hostLanes };
}

describe('board store', () => {
  it('loads lanes from the host', async () => {
    const { store } = await setup();
    expect(store.getState().lanes.proposed).toEqual(['c0', 'c1', 'c2', 'c3']);
  });

  it.each<[string, (s: Awaited<ReturnType<typeof setup>>['store']) => void, Record<string, string[]>]>([
    [
      'move to approved',
      (s) => s.getState().move(['c1'], 'approved', 0),
      { proposed: ['c0', 'c2', 'c3'], approved: ['c1'], rejected: [] },
    ],
    [
      'move several then reorder within the lane',
      (s) => {
        s.getState().move(['c2', 'c0'], 'rejected', 0);
        s.getState().move(['c2'], 'rejected', 0);
      },
      { proposed: ['c1', 'c3'], approved: [], rejected: ['c2', 'c0'] },
    ],
    [
      'move, undo',
      (s) => {
        s.getState().move(['c3'], 'approved', 0);
        s.getState().undo();
      },
      { proposed: ['c0', 'c1', 'c2', 'c3'], approved: [], rejected: [] },
    ],
    [
      'move, move, undo, undo, redo',
      (s) => {
        s.getState().move(['c3'], 'approved', 0);
        s.getState().move(['c0'], 'proposed', 9);
        s.getState().undo();
        s.getState().undo();
        s.getState().redo();
      },
      { proposed: ['c0', 'c1', 'c2'], approved: ['c3'], rejected: [] },
    ],
  ])('%s: local and host lanes agree', async (_name, act, expected) => {
    const { store, settled, hostLanes } = await setup();
    act(store);
    expect(store.getState().lanes).toEqual(expected);
    await settled();
    expect(hostLanes()).toEqual(expected);
  });

  it('undoes and redoes an edit on the host', async () => {
    const { store, settled, gateway } = await setup();
    store.getState().edit('c1', { title: 'Better title', end: 45 });
    await settled();
    expect(gateway.clips.find((c) => c.id === 'c1')).toMatchObject({ title: 'Better title', end: 45 });
    store.getState().undo();
    await settled();
    expect(gateway.clips.find((c) => c.id === 'c1')).toMatchObject({ title: 'Clip 1', end: 40 });
    expect(store.getState().clips.c1).toMatchObject({ title: 'Clip 1', end: 40 });
    store.getState().redo();
    await settled();
    expect(store.getState().clips.c1?.title).toBe('Better title');
  });

  it('a move that changes nothing is not recorded', async () => {
    const { store } = await setup();
    store.getState().move(['c0'], 'proposed', 0);
    expect(store.getState().history.past).toHaveLength(0);
  });

  it('shows the host’s refusal and goes back to the host’s lanes', async () => {
    const { store, settled, gateway } = await setup();
    gateway.failNext = Object.assign(new Error('x'), {
      data: { kirinuki: { code: 'INVALID_ARGUMENT', message: 'No.', hint: 'Reload.' } },
    });
    store.getState().move(['c1'], 'approved', 0);
    await settled();
    expect(store.getState().problem).toEqual({ code: 'INVALID_ARGUMENT', message: 'No.', hint: 'Reload.' });
    expect(store.getState().lanes.approved).toEqual([]);
  });

  it('keeps a selection in board order', async () => {
    const { store } = await setup();
    store.getState().toggleSelected('c3');
    store.getState().toggleSelected('c1');
    expect(store.getState().selection).toEqual(['c1', 'c3']);
    store.getState().toggleSelected('c3');
    expect(store.getState().selection).toEqual(['c1']);
  });
});
