import { describe, expect, it } from 'vitest';
import { emptyStack, pushCommand, redoCommand, undoCommand, type CommandStack } from './command-stack.js';

type Step = ['push', string] | ['undo'] | ['redo'];

function run(steps: Step[], limit?: number) {
  let stack: CommandStack<string> = emptyStack();
  const applied: string[] = [];
  for (const step of steps) {
    if (step[0] === 'push') stack = pushCommand(stack, step[1], limit);
    else {
      const result = step[0] === 'undo' ? undoCommand(stack) : redoCommand(stack);
      applied.push(result ? `${step[0]}:${result.command}` : `${step[0]}:-`);
      if (result) stack = result.stack;
    }
  }
  return { past: stack.past, future: stack.future, applied };
}

describe('command stack', () => {
  it.each<[string, Step[], ReturnType<typeof run>, number?]>([
    [
      'push records',
      [
        ['push', 'a'],
        ['push', 'b'],
      ],
      { past: ['a', 'b'], future: [], applied: [] },
    ],
    ['undo on empty does nothing', [['undo']], { past: [], future: [], applied: ['undo:-'] }],
    [
      'undo takes the last',
      [['push', 'a'], ['push', 'b'], ['undo']],
      { past: ['a'], future: ['b'], applied: ['undo:b'] },
    ],
    [
      'redo replays in order',
      [['push', 'a'], ['push', 'b'], ['undo'], ['undo'], ['redo']],
      { past: ['a'], future: ['b'], applied: ['undo:b', 'undo:a', 'redo:a'] },
    ],
    [
      'redo on empty future does nothing',
      [['push', 'a'], ['redo']],
      { past: ['a'], future: [], applied: ['redo:-'] },
    ],
    [
      'a new push clears the future',
      [['push', 'a'], ['undo'], ['push', 'c']],
      { past: ['c'], future: [], applied: ['undo:a'] },
    ],
    [
      'the history is bounded',
      [
        ['push', 'a'],
        ['push', 'b'],
        ['push', 'c'],
      ],
      { past: ['b', 'c'], future: [], applied: [] },
      2,
    ],
  ])('%s', (_name, steps, expected, limit) => {
    expect(run(steps, limit)).toEqual(expected);
  });
});
