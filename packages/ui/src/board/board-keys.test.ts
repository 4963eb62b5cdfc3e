import { describe, expect, it } from 'vitest';
import type { Lanes } from './board-model.js';
import { boardKeyAction, type KeyPress } from './board-keys.js';

const lanes: Lanes = { proposed: ['a', 'b', 'c'], approved: ['x'], rejected: [] };
const press = (key: string, mods: Partial<KeyPress> = {}): KeyPress => ({
  key,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  ...mods,
});

describe('boardKeyAction', () => {
  it.each<[string, KeyPress, string, string[], unknown]>([
    ['down moves focus', press('ArrowDown'), 'a', [], { type: 'focus', id: 'b' }],
    ['up at the top does nothing', press('ArrowUp'), 'a', [], null],
    ['space toggles selection', press(' '), 'b', [], { type: 'toggle', id: 'b' }],
    ['enter edits', press('Enter'), 'b', [], { type: 'edit', id: 'b' }],
    ['escape clears', press('Escape'), 'b', ['b'], { type: 'clear' }],
    [
      'A approves, focus goes to the next',
      press('a'),
      'b',
      [],
      { type: 'move', ids: ['b'], to: 'approved', index: 1, focus: 'c' },
    ],
    [
      'A at the end focuses the new last',
      press('A', { shiftKey: true }),
      'c',
      [],
      { type: 'move', ids: ['c'], to: 'approved', index: 1, focus: 'b' },
    ],
    [
      'R moves the whole selection',
      press('r'),
      'a',
      ['a', 'c'],
      { type: 'move', ids: ['a', 'c'], to: 'rejected', index: 0, focus: 'b' },
    ],
    [
      'R on an unselected card moves only it',
      press('r'),
      'b',
      ['a'],
      { type: 'move', ids: ['b'], to: 'rejected', index: 0, focus: 'c' },
    ],
    ['P in its own lane does nothing', press('p'), 'a', [], null],
    [
      'alt+down reorders',
      press('ArrowDown', { altKey: true }),
      'a',
      [],
      { type: 'move', ids: ['a'], to: 'proposed', index: 1, focus: 'a' },
    ],
    ['alt+down at the end does nothing', press('ArrowDown', { altKey: true }), 'c', [], null],
    [
      'alt+right changes lane',
      press('ArrowRight', { altKey: true }),
      'c',
      [],
      { type: 'move', ids: ['c'], to: 'approved', index: 1, focus: 'c' },
    ],
    ['alt+left from the first lane does nothing', press('ArrowLeft', { altKey: true }), 'a', [], null],
    ['ctrl+z undoes', press('z', { ctrlKey: true }), 'a', [], { type: 'undo' }],
    ['ctrl+shift+z redoes', press('Z', { ctrlKey: true, shiftKey: true }), 'a', [], { type: 'redo' }],
    ['cmd+y redoes', press('y', { metaKey: true }), 'a', [], { type: 'redo' }],
    ['unknown card', press('a'), 'zz', [], null],
  ])('%s', (_name, key, focused, selection, expected) => {
    expect(boardKeyAction(key, lanes, focused, selection)).toEqual(expected);
  });
});
