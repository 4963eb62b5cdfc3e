// Until `kirinuki serve` runs the segment stage, proposals are stored the way that stage will
// store them: through the app's own storeProposals, on the same library.
import { storeProposals } from '../../../apps/desktop/src/node/clips/clip-edits.js';
import { openLibrary } from '../../../apps/desktop/src/node/library/library.js';

export async function seedProposals(libraryDir: string, videoId: string, count: number): Promise<void> {
  const library = await openLibrary(libraryDir);
  try {
    await storeProposals(library.db, {
      videoId,
      stableAtMs: 1_764_000_000_000,
      platform: 'tiktok',
      style: 'highlight',
      key: `e2e-${count}`,
      proposals: Array.from({ length: count }, (_, i) => ({
        rank: i,
        start: (i % 4) * 0.2,
        end: (i % 4) * 0.2 + 1.2,
        duration: 1.2,
        score: 92 - i * 3,
        reasons: i % 2 ? ['clear hook', 'one complete thought'] : ['high energy', 'face on screen'],
        text: `Proposal ${i + 1} words on screen`,
        title: `Proposal ${i + 1}`,
        hashtags: [],
      })),
    });
  } finally {
    await library.close();
  }
}
