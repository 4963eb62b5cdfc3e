import { describe, expect, it } from 'vitest';
import { parseSceneScores } from './ffmpeg-scene-baseline.js';

describe('parseSceneScores', () => {
  it('pairs each score with the frame line before it', () => {
    const stderr = [
      '[Parsed_metadata_1 @ 0x1] frame:0    pts:0       pts_time:0',
      '[Parsed_metadata_1 @ 0x1] lavfi.scene_score=0.000000',
      '[Parsed_metadata_1 @ 0x1] frame:1    pts:1001    pts_time:0.0333667',
      '[Parsed_metadata_1 @ 0x1] lavfi.scene_score=0.812000',
      'frame=    2 fps=0.0 q=-0.0 Lsize=N/A time=00:00:00.06',
    ].join('\n');
    expect(parseSceneScores(stderr)).toEqual([
      { frame: 0, time: 0, score: 0 },
      { frame: 1, time: 0.0333667, score: 0.812 },
    ]);
  });
});
