import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClipProposal } from '@kirinuki/contracts';
import { projectClips } from '../../common/project-clips.js';
import { listEvents } from '../events/events-repository.js';
import { openLibrary, type Library } from '../library/library.js';
import { reorderClips, setClipStatus, storeProposals, updateClip } from './clip-edits.js';
import { listClips } from './clips-repository.js';

const root = mkdtempSync(path.join(tmpdir(), 'kirinuki-clips-'));
let library: Library;
beforeAll(async () => {
  library = await openLibrary(path.join(root, 'library'));
});
afterAll(async () => {
  await library.close();
  rmSync(root, { recursive: true, force: true });
});

const proposals = (n: number, offset = 0): ClipProposal[] =>
  Array.from({ length: n }, (_, i) => ({
    rank: i + 1,
    start: offset + i * 40,
    end: offset + i * 40 + 30,
    duration: 30,
    score: 90 - i,
    reasons: ['Opens with a question'],
    text: `clip ${i}`,
    title: `Clip ${i}`,
    hashtags: ['#talk'],
  }));
const base = { videoId: 'V1', platform: 'tiktok', style: 'highlight' };
const lanes = async () => {
  const clips = await listClips(library.db, { videoId: 'V1' });
  const lane = (s: string) =>
    clips
      .filter((c) => c.status === s)
      .sort((a, b) => a.position - b.position)
      .map((c) => c.title);
  return { proposed: lane('proposed'), approved: lane('approved'), rejected: lane('rejected') };
};

describe('clip storage and review', () => {
  it('stores proposals once per key: a retried stage writes no second event', async () => {
    const first = await storeProposals(library.db, {
      ...base,
      stableAtMs: Date.parse('2026-11-28T10:00:00Z'),
      key: 'k1',
      proposals: proposals(4),
    });
    expect(first.stored).toBe(true);
    const again = await storeProposals(library.db, {
      ...base,
      stableAtMs: Date.parse('2026-11-28T10:00:00Z'),
      key: 'k1',
      proposals: proposals(4),
    });
    expect(again.stored).toBe(false);
    expect(again.clips.map((c) => c.id).sort()).toEqual(first.clips.map((c) => c.id).sort());
    expect((await listEvents(library.db, { types: ['ClipsProposed'] })).length).toBe(1);
  });

  it('stores a set again once another set replaced it (e.g. the re-rank turned off again), once', async () => {
    const store = (key: string, n: number) =>
      storeProposals(library.db, {
        ...base,
        videoId: 'V2',
        stableAtMs: Date.parse('2026-11-28T10:00:00Z'),
        key,
        proposals: proposals(n),
      });
    const count = async () =>
      (await listEvents(library.db, { aggregateId: 'V2', types: ['ClipsProposed'] })).length;
    expect((await store('heuristic', 3)).stored).toBe(true);
    expect((await store('reranked', 2)).stored).toBe(true);
    const back = await store('heuristic', 3);
    expect(back.stored).toBe(true);
    expect((await listClips(library.db, { videoId: 'V2' })).map((c) => c.id).sort()).toEqual(
      back.clips.map((c) => c.id).sort(),
    );
    expect(await count()).toBe(3);
    // In force now: asking again (a retry) changes nothing.
    expect((await store('heuristic', 3)).stored).toBe(false);
    expect(await count()).toBe(3);
  });

  it('moves clips between lanes at a position, with ClipApproved/ClipRejected events', async () => {
    const clips = await listClips(library.db, { videoId: 'V1' });
    const [c0, c1, c2] = clips;
    await setClipStatus(library.db, [c1!.id], 'approved');
    await setClipStatus(library.db, [c2!.id, c0!.id], 'approved', 0);
    expect(await lanes()).toEqual({
      proposed: ['Clip 3'],
      approved: ['Clip 2', 'Clip 0', 'Clip 1'],
      rejected: [],
    });
    await setClipStatus(library.db, [c0!.id], 'rejected');
    expect(await lanes()).toEqual({
      proposed: ['Clip 3'],
      approved: ['Clip 2', 'Clip 1'],
      rejected: ['Clip 0'],
    });
    const types = (await listEvents(library.db, { aggregateId: c0!.id })).map((e) => e.type);
    expect(types).toEqual(['ClipApproved', 'ClipRejected']);
  });

  it('reorders a lane and refuses an order that is not a permutation', async () => {
    const approved = (await listClips(library.db, { videoId: 'V1', status: 'approved' })).sort(
      (a, b) => a.position - b.position,
    );
    await reorderClips(library.db, 'V1', 'approved', [approved[1]!.id, approved[0]!.id]);
    expect((await lanes()).approved).toEqual(['Clip 1', 'Clip 2']);
    await expect(reorderClips(library.db, 'V1', 'approved', [approved[0]!.id])).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });

  it('edits a clip within the video and keeps caption edits by line', async () => {
    const [clip] = await listClips(library.db, { videoId: 'V1', status: 'proposed' });
    const updated = await updateClip(
      library.db,
      clip!.id,
      { start: 121, end: 150, captions: [{ index: 2, text: 'Fixed words' }] },
      { videoDurationSec: 600 },
    );
    expect(updated).toMatchObject({
      start: 121,
      end: 150,
      duration: 29,
      captions: [{ index: 2, text: 'Fixed words' }],
    });
    const again = await updateClip(
      library.db,
      clip!.id,
      { captions: [{ index: 0, text: 'First' }] },
      { videoDurationSec: 600 },
    );
    expect(again.captions).toEqual([
      { index: 0, text: 'First' },
      { index: 2, text: 'Fixed words' },
    ]);
    await expect(
      updateClip(library.db, clip!.id, { end: 700 }, { videoDurationSec: 600 }),
    ).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(updateClip(library.db, 'nope', {}, { videoDurationSec: 600 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('replaces only unreviewed proposals when new ones arrive', async () => {
    await storeProposals(library.db, {
      ...base,
      stableAtMs: Date.now(),
      key: 'k2',
      proposals: proposals(2, 1000),
    });
    const { proposed, approved, rejected } = await lanes();
    expect(proposed).toEqual(['Clip 0', 'Clip 1']);
    expect(approved).toHaveLength(2);
    expect(rejected).toHaveLength(1);
  });

  it('the clips table is a projection of the event log', async () => {
    const projected = projectClips(await listEvents(library.db));
    const table = await listClips(library.db);
    const key = (c: {
      id: string;
      status: string;
      position: number;
      start: number;
      end: number;
      captions: unknown;
    }) => JSON.stringify([c.id, c.status, c.position, c.start, c.end, c.captions]);
    expect(projected.map(key).sort()).toEqual(table.map(key).sort());
  });
});
