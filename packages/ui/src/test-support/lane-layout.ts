import { afterEach, beforeEach } from 'vitest';

type Measured = 'clientHeight' | 'clientWidth' | 'offsetHeight' | 'offsetWidth';

/**
 * happy-dom does no layout, so every element measures 0×0 and a virtual list either shows
 * nothing or everything. For the tests in the calling file, lane scroll areas get a viewport
 * and virtual rows (elements with data-index) a card's height.
 */
export function useLaneViewport(height = 800, width = 320, cardHeight = 124): void {
  const sizes: Record<Measured, { lane: number; row: number }> = {
    clientHeight: { lane: height, row: cardHeight },
    clientWidth: { lane: width, row: width },
    offsetHeight: { lane: height, row: cardHeight },
    offsetWidth: { lane: width, row: width },
  };
  const originals = Object.fromEntries(
    Object.keys(sizes).map((name) => [name, Object.getOwnPropertyDescriptor(HTMLElement.prototype, name)]),
  ) as Record<Measured, PropertyDescriptor | undefined>;
  beforeEach(() => {
    for (const name of Object.keys(sizes) as Measured[]) {
      const original = originals[name];
      Object.defineProperty(HTMLElement.prototype, name, {
        configurable: true,
        get(this: HTMLElement) {
          if (this.classList.contains('lane-scroll')) return sizes[name].lane;
          if (this.dataset.index !== undefined) return sizes[name].row;
          return original?.get?.call(this) ?? 0;
        },
      });
    }
  });
  afterEach(() => {
    for (const name of Object.keys(sizes) as Measured[]) {
      const original = originals[name];
      if (original) Object.defineProperty(HTMLElement.prototype, name, original);
    }
  });
}
