/** Undo/redo history as plain data: commands are values, the caller applies them. */
export interface CommandStack<C> {
  readonly past: readonly C[];
  readonly future: readonly C[];
}

export const emptyStack = <C>(): CommandStack<C> => ({ past: [], future: [] });

/** Records a command just done; a new command forgets what could have been redone. */
export function pushCommand<C>(stack: CommandStack<C>, command: C, limit = 200): CommandStack<C> {
  return { past: [...stack.past, command].slice(-limit), future: [] };
}

/** The command to revert, and the stack after reverting it. */
export function undoCommand<C>(stack: CommandStack<C>): { stack: CommandStack<C>; command: C } | null {
  const command = stack.past.at(-1);
  if (command === undefined) return null;
  return { stack: { past: stack.past.slice(0, -1), future: [command, ...stack.future] }, command };
}

/** The command to do again, and the stack after redoing it. */
export function redoCommand<C>(stack: CommandStack<C>): { stack: CommandStack<C>; command: C } | null {
  const command = stack.future[0];
  if (command === undefined) return null;
  return { stack: { past: [...stack.past, command], future: stack.future.slice(1) }, command };
}
