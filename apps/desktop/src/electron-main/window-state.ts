import { readFileSync, writeFileSync } from 'node:fs';

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized?: boolean;
}

export interface DisplayArea {
  x: number;
  y: number;
  width: number;
  height: number;
}

export const DEFAULT_BOUNDS: WindowBounds = { width: 1280, height: 800 };

/**
 * Keeps a remembered window on a display that still exists (a monitor may have been unplugged):
 * off-screen or oversized bounds fall back to a size that fits the primary display.
 */
export function fitBounds(saved: WindowBounds | null, displays: readonly DisplayArea[]): WindowBounds {
  const primary = displays[0];
  if (!saved || !primary) return DEFAULT_BOUNDS;
  const width = Math.max(640, Math.min(saved.width, primary.width));
  const height = Math.max(480, Math.min(saved.height, primary.height));
  if (saved.x === undefined || saved.y === undefined)
    return { width, height, maximized: Boolean(saved.maximized) };
  const { x, y } = saved;
  const visible = displays.some(
    (d) => x + 100 > d.x && x < d.x + d.width - 100 && y >= d.y && y < d.y + d.height - 50,
  );
  return visible
    ? { x, y, width, height, maximized: Boolean(saved.maximized) }
    : { width, height, maximized: Boolean(saved.maximized) };
}

export function loadWindowBounds(file: string): WindowBounds | null {
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as WindowBounds;
    return typeof parsed.width === 'number' && typeof parsed.height === 'number' ? parsed : null;
  } catch {
    return null;
  }
}

export function saveWindowBounds(file: string, bounds: WindowBounds): void {
  writeFileSync(file, JSON.stringify(bounds));
}
