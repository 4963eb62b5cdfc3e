import { useDroppable } from '@dnd-kit/core';
import type { ReactNode } from 'react';
import type { Slot } from './calendar-model.js';

/** A place posts and clips are dropped on: an hour of a day, or a whole day. */
export function SlotCell({
  id,
  slot,
  disabled,
  cursor,
  className,
  label,
  title,
  children,
  ...data
}: {
  id: string;
  slot: Slot;
  disabled: boolean;
  cursor: boolean;
  className: string;
  label: string;
  title?: string;
  children?: ReactNode;
} & Record<`data-${string}`, string | undefined>) {
  const { setNodeRef, isOver } = useDroppable({ id, data: { slot }, disabled });
  return (
    <div
      ref={setNodeRef}
      className={className}
      data-testid="calendar-slot"
      data-slot={id}
      data-over={isOver && !disabled ? 'true' : undefined}
      data-cursor={cursor ? 'true' : undefined}
      data-disabled={disabled ? 'true' : undefined}
      role="group"
      aria-label={label}
      title={title}
      {...data}
    >
      {children}
    </div>
  );
}
