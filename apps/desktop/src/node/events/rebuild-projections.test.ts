import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setClipStatus, storeProposals, updateClip } from '../clips/clip-edits.js';
import { importIntoLibrary } from '../library/test-support/import-into-library.js';
import { testImportOptions } from '../library/test-support/test-import-options.js';
import { openLibrary, type Library } from '../library/library.js';
import { removeVideo } from '../library/remove-video.js';
import { rebuildLibraryProjections } from './rebuild-projections.js';

const FIXTURES = fileURLToPath(new URL('../../../../../fixtures/media/', import.meta.url));
const root = mkdtempSync(path.join(tmpdir(), 'kirinuki-rebuild-'));
let library: Library;
beforeAll(async () => {
  library = await openLibrary(path.join(root, 'library'));
});
afterAll(async () => {
  await library.close();
  rmSync(root, { recursive: true, force: true });
});

const snapshot = async () => ({
  videos: await library.db.selectFrom('videos').selectAll().orderBy('id').execute(),
  clips: await library.db.selectFrom('clips').selectAll().orderBy('id').execute(),
});

describe('rebuildLibraryProjections', () => {
  it('gives back exactly the read models the live writes made', async () => {
    const options = testImportOptions();
    const { video } = await importIntoLibrary(
      library,
      path.join(FIXTURES, 'testsrc-2s-320x240.mp4'),
      options,
    );
    const proposals = [0, 1, 2].map((i) => ({
      rank: i + 1,
      start: i * 0.5,
      end: i * 0.5 + 0.6,
      duration: 0.6,
      score: 80 - i,
      reasons: ['r'],
      text: 't',
      title: `C${i}`,
      hashtags: [],
    }));
    const { clips } = await storeProposals(library.db, {
      videoId: video.id,
      stableAtMs: Date.now(),
      platform: 'tiktok',
      style: 'highlight',
      key: 'k',
      proposals,
    });
    await setClipStatus(library.db, [clips[2]!.id], 'approved');
    await setClipStatus(library.db, [clips[0]!.id], 'rejected');
    await updateClip(library.db, clips[1]!.id, { title: 'Renamed', start: 0.1 }, { videoDurationSec: 2 });
    // A second video that is removed again leaves nothing in the read models.
    const gone = await importIntoLibrary(library, path.join(FIXTURES, 'speech-en-16k.wav'), options).catch(
      () => null,
    );
    expect(gone).toBeNull();

    const live = await snapshot();
    expect(live.videos).toHaveLength(1);
    expect(live.clips).toHaveLength(3);
    expect(await rebuildLibraryProjections(library.db)).toEqual({ videos: 1, clips: 3, jobs: 0 });
    expect(await snapshot()).toEqual(live);

    await removeVideo(library, video.id);
    expect(await snapshot()).toEqual({ videos: [], clips: [] });
    expect(await rebuildLibraryProjections(library.db)).toEqual({ videos: 0, clips: 0, jobs: 0 });
  });
});
