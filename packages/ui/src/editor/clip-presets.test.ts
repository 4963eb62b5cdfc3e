import { describe, expect, it } from 'vitest';
import { CAPTION_STYLES as PIPELINE_STYLES } from '../../../pipeline/src/captions/caption-styles.js';
import { PLATFORM_PRESETS } from '../../../pipeline/src/platforms/platform-presets.js';
import { CAPTION_STYLES, PLATFORMS } from './clip-presets.js';

// The UI sends these names to the host's render: a name it does not know fails the render.
describe('the UI’s platform and caption style choices', () => {
  it('are the platforms the render knows, with their labels and longest clip', () => {
    expect(PLATFORMS.map((p) => ({ id: p.id, label: p.label, maxSeconds: p.maxSeconds }))).toEqual(
      Object.values(PLATFORM_PRESETS).map((p) => ({
        id: p.name,
        label: p.label,
        maxSeconds: p.allowedDuration.maxSec,
      })),
    );
  });

  it('are the caption styles the render knows, with their labels', () => {
    expect(CAPTION_STYLES.map((s) => ({ id: s.id, label: s.label }))).toEqual(
      Object.values(PIPELINE_STYLES).map((s) => ({ id: s.name, label: s.label })),
    );
  });
});
