import { describe, expect, it } from 'vitest';
import { cropWidthFraction } from './CropPreview.js';

describe('cropWidthFraction', () => {
  it.each([
    [16 / 9, 0.31640625],
    [4 / 3, 0.421875],
    [9 / 16, 1],
    [1 / 2, 1],
  ])('source %s → %s of the width', (aspect, expected) => {
    expect(cropWidthFraction(aspect)).toBeCloseTo(expected, 6);
  });
});
