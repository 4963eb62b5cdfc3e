import { describe, expect, it } from 'vitest';
import { DEFAULT_BOUNDS, fitBounds } from './window-state.js';

const primary = { x: 0, y: 0, width: 1920, height: 1080 };
const second = { x: 1920, y: 0, width: 1280, height: 1024 };

describe('fitBounds', () => {
  it.each([
    ['nothing saved', null, [primary], DEFAULT_BOUNDS],
    [
      'on the primary display',
      { x: 100, y: 100, width: 1000, height: 700 },
      [primary],
      { x: 100, y: 100, width: 1000, height: 700, maximized: false },
    ],
    [
      'on a second display',
      { x: 2000, y: 50, width: 1000, height: 700, maximized: true },
      [primary, second],
      { x: 2000, y: 50, width: 1000, height: 700, maximized: true },
    ],
    [
      'on a display that is gone',
      { x: 2000, y: 50, width: 1000, height: 700 },
      [primary],
      { width: 1000, height: 700, maximized: false },
    ],
    [
      'larger than the screen',
      { x: 0, y: 0, width: 5000, height: 3000 },
      [primary],
      { x: 0, y: 0, width: 1920, height: 1080, maximized: false },
    ],
    ['too small', { width: 10, height: 10 }, [primary], { width: 640, height: 480, maximized: false }],
  ] as const)('%s', (_name, saved, displays, expected) => {
    expect(fitBounds(saved, displays)).toEqual(expected);
  });
});
