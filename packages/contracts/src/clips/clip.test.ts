import { describe, expect, it } from 'vitest';
import { clipRenderKey } from './clip.js';

const clip = { start: 1, end: 9.5, captions: [{ index: 2, text: 'Hello' }] };

describe('clipRenderKey', () => {
  it('changes with what a render is made from: the span and the edited caption lines', () => {
    expect(clipRenderKey({ ...clip, end: 9.6 })).not.toBe(clipRenderKey(clip));
    expect(clipRenderKey({ ...clip, start: 0.9 })).not.toBe(clipRenderKey(clip));
    expect(clipRenderKey({ ...clip, captions: [{ index: 2, text: 'Hello!' }] })).not.toBe(
      clipRenderKey(clip),
    );
    expect(clipRenderKey({ ...clip, captions: [] })).not.toBe(clipRenderKey(clip));
  });
  it('does not change with anything else (a move, an approval), nor with the order edits were listed in', () => {
    const moved = { ...clip, status: 'approved', position: 4, updatedAt: '2030-01-01T00:00:00Z' };
    expect(clipRenderKey(moved)).toBe(clipRenderKey(clip));
    const a = {
      ...clip,
      captions: [
        { index: 1, text: 'a' },
        { index: 3, text: 'b' },
      ],
    };
    const b = {
      ...clip,
      captions: [
        { index: 3, text: 'b' },
        { index: 1, text: 'a' },
      ],
    };
    expect(clipRenderKey(a)).toBe(clipRenderKey(b));
  });
});
