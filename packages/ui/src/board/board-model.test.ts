import { describe, expect, it } from 'vitest';
import {
  changedLanes,
  dropIndex,
  inBoardOrder,
  lanesFromClips,
  moveClips,
  type Lanes,
} from './board-model.js';

const lanes: Lanes = { proposed: ['a', 'b', 'c', 'd'], approved: ['x', 'y'], rejected: [] };

describe('lanesFromClips', () => {
  it('groups by status and orders by position, then rank', () => {
    expect(
      lanesFromClips([
        { id: 'b', status: 'proposed', position: 1, rank: 1 },
        { id: 'a', status: 'proposed', position: 0, rank: 2 },
        { id: 'r', status: 'rejected', position: 0, rank: 3 },
        { id: 'c', status: 'proposed', position: 1, rank: 0 },
      ]),
    ).toEqual({ proposed: ['a', 'c', 'b'], approved: [], rejected: ['r'] });
  });
});

describe('moveClips', () => {
  it.each<[string, string[], keyof Lanes, number, Lanes]>([
    [
      'to another lane at the top',
      ['b'],
      'approved',
      0,
      { proposed: ['a', 'c', 'd'], approved: ['b', 'x', 'y'], rejected: [] },
    ],
    [
      'to an empty lane',
      ['a'],
      'rejected',
      5,
      { proposed: ['b', 'c', 'd'], approved: ['x', 'y'], rejected: ['a'] },
    ],
    [
      'within a lane, down',
      ['a'],
      'proposed',
      2,
      { proposed: ['b', 'c', 'a', 'd'], approved: ['x', 'y'], rejected: [] },
    ],
    [
      'within a lane, to the end',
      ['b'],
      'proposed',
      99,
      { proposed: ['a', 'c', 'd', 'b'], approved: ['x', 'y'], rejected: [] },
    ],
    [
      'several, kept in board order whatever order they were picked in',
      ['y', 'd', 'a'],
      'rejected',
      0,
      { proposed: ['b', 'c'], approved: ['x'], rejected: ['a', 'd', 'y'] },
    ],
    ['unknown ids change nothing', ['zz'], 'approved', 0, lanes],
    [
      'negative index clamps to the top',
      ['c'],
      'approved',
      -3,
      { proposed: ['a', 'b', 'd'], approved: ['c', 'x', 'y'], rejected: [] },
    ],
  ])('%s', (_name, ids, to, index, expected) => {
    expect(moveClips(lanes, ids, to, index)).toEqual(expected);
  });
});

describe('dropIndex', () => {
  it.each<[string, string[], string, { lane: keyof Lanes; cardId: string | null }, number]>([
    ['on an empty lane area → end', ['a'], 'a', { lane: 'approved', cardId: null }, 2],
    ['on a card in another lane → before it', ['a'], 'a', { lane: 'approved', cardId: 'y' }, 1],
    ['down within a lane → after the card', ['a'], 'a', { lane: 'proposed', cardId: 'c' }, 2],
    ['up within a lane → before the card', ['d'], 'd', { lane: 'proposed', cardId: 'b' }, 1],
    ['on itself → where it was', ['c'], 'c', { lane: 'proposed', cardId: 'c' }, 2],
    ['several down within a lane', ['a', 'b'], 'a', { lane: 'proposed', cardId: 'd' }, 2],
  ])('%s', (_name, moving, active, over, expected) => {
    expect(dropIndex(lanes, moving, active, over)).toBe(expected);
  });
});

describe('helpers', () => {
  it('inBoardOrder follows lanes then positions', () => {
    expect(inBoardOrder(lanes, ['y', 'a', 'c'])).toEqual(['a', 'c', 'y']);
  });
  it.each<[string, Lanes, string[]]>([
    ['nothing changed', lanes, []],
    ['a move across lanes', moveClips(lanes, ['a'], 'approved', 0), ['proposed', 'approved']],
    ['a reorder', moveClips(lanes, ['a'], 'proposed', 3), ['proposed']],
  ])('changedLanes: %s', (_name, after, expected) => {
    expect(changedLanes(lanes, after)).toEqual(expected);
  });
});
