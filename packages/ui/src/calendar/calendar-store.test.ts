import { describe, expect, it } from 'vitest';
import { FakeClipsGateway, makeClip } from '../test-support/fake-clips-gateway.js';
import { fakePublishing, hostProblem, makePost } from '../test-support/fake-publishing.js';
import { createCalendarStore } from './calendar-store.js';

const soon = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

function setup() {
  const publishing = fakePublishing();
  publishing.posts.push(makePost('p1', 'x', { status: 'scheduled', at: soon(48) }));
  const clips = new FakeClipsGateway([makeClip(1, { status: 'approved' }), makeClip(2)]);
  const store = createCalendarStore({ posts: publishing.gateways.posts, clips });
  return { store, publishing, reschedule: publishing.gateways.posts.reschedule };
}

describe('the calendar store', () => {
  it('loads every post and only the approved clips', async () => {
    const { store } = setup();
    await store.getState().load();
    expect(Object.keys(store.getState().posts)).toEqual(['p1']);
    expect(store.getState().clips.map((c) => c.id)).toEqual(['c1']);
  });

  it('shows a move at once, records it once the host took it, and undo and redo send it back and forth', async () => {
    const { store, reschedule } = setup();
    await store.getState().load();
    const from = store.getState().posts.p1!.at!;
    const to = soon(72);
    const moving = store.getState().move('p1', to);
    expect(store.getState().posts.p1!.at).toBe(to);
    expect(store.getState().saving).toEqual(['p1']);
    expect(await moving).toBe(true);
    expect(store.getState().saving).toEqual([]);
    expect(store.getState().history.past).toEqual([{ postId: 'p1', from, to }]);
    await store.getState().undo();
    expect(reschedule).toHaveBeenLastCalledWith('p1', from);
    expect(store.getState().history).toEqual({ past: [], future: [{ postId: 'p1', from, to }] });
    await store.getState().redo();
    expect(reschedule).toHaveBeenLastCalledWith('p1', to);
    expect(store.getState().history.past).toHaveLength(1);
  });

  it('a refused undo keeps the post where it is and the move undoable', async () => {
    const { store, reschedule } = setup();
    await store.getState().load();
    const to = soon(72);
    await store.getState().move('p1', to);
    reschedule.mockRejectedValueOnce(hostProblem('TIME_IN_PAST', 'That time has passed.'));
    await store.getState().undo();
    expect(store.getState().problem?.code).toBe('TIME_IN_PAST');
    expect(Date.parse(store.getState().posts.p1!.at!)).toBe(Date.parse(to));
    expect(store.getState().history.past).toHaveLength(1);
  });

  it('a move to the same instant sends nothing', async () => {
    const { store, reschedule } = setup();
    await store.getState().load();
    const at = store.getState().posts.p1!.at!;
    const sameInOtherOffset = new Date(at).toISOString().replace('Z', '+00:00');
    expect(await store.getState().move('p1', sameInOtherOffset)).toBe(false);
    expect(reschedule).not.toHaveBeenCalled();
  });
});
