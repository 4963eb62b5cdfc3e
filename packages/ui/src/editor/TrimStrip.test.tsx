import { fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Boundary } from './snap-time.js';
import { TrimStrip, type TrimStripProps } from './TrimStrip.js';
import { trimView } from './ClipEditor.js';

const boundaries: Boundary[] = [
  { time: 12, kind: 'word-start' },
  { time: 12.4, kind: 'word-end' },
  { time: 15, kind: 'shot' },
  { time: 16, kind: 'word-start' },
];

function renderStrip(over: Partial<TrimStripProps> = {}) {
  const onChange = vi.fn();
  const props: TrimStripProps = {
    view: { start: 10, end: 30 },
    start: 12,
    end: 20,
    waveform: { startSec: 10, endSec: 30, peaks: [0, 0.5, 1, 0.25] },
    boundaries,
    snap: true,
    onChange,
    labels: { strip: 'Trim', start: 'Start', end: 'End' },
    ...over,
  };
  const view = render(<TrimStrip {...props} />);
  return { onChange, ...view };
}

afterEach(() => vi.restoreAllMocks());

describe('TrimStrip', () => {
  it('draws the waveform, word starts and shot cuts, and two labelled handles where the trim is', () => {
    const { container } = renderStrip();
    expect(container.querySelectorAll('.trim-wave rect')).toHaveLength(4);
    expect(container.querySelectorAll('.trim-tick-word-start')).toHaveLength(2);
    expect(container.querySelectorAll('.trim-tick-shot')).toHaveLength(1);
    expect(container.querySelectorAll('.trim-tick-word-end')).toHaveLength(0);
    const start = screen.getByRole('slider', { name: 'Start' });
    const end = screen.getByRole('slider', { name: 'End' });
    expect(start.style.left).toBe('10%');
    expect(end.style.left).toBe('50%');
    expect(end.getAttribute('aria-valuenow')).toBe('20');
    expect(end.getAttribute('aria-valuetext')).toBe('0:20.0');
  });

  it('steps a handle with the arrow keys: to the next boundary while snapping, else 0.1 s; Shift 1 s', () => {
    const { onChange, rerender } = renderStrip();
    const start = screen.getByRole('slider', { name: 'Start' });
    fireEvent.keyDown(start, { key: 'ArrowRight' });
    expect(onChange).toHaveBeenLastCalledWith('start', 12.4, true);
    fireEvent.keyDown(start, { key: 'ArrowLeft' });
    expect(onChange).toHaveBeenLastCalledWith('start', 11.9, true); // no boundary before 12
    fireEvent.keyDown(start, { key: 'ArrowRight', shiftKey: true });
    expect(onChange).toHaveBeenLastCalledWith('start', 13, true);
    rerender(
      <TrimStrip
        view={{ start: 10, end: 30 }}
        start={12}
        end={20}
        waveform={null}
        boundaries={boundaries}
        snap={false}
        onChange={onChange}
        labels={{ strip: 'Trim', start: 'Start', end: 'End' }}
      />,
    );
    fireEvent.keyDown(screen.getByRole('slider', { name: 'End' }), { key: 'ArrowLeft' });
    expect(onChange).toHaveBeenLastCalledWith('end', 19.9, true);
    fireEvent.keyDown(screen.getByRole('slider', { name: 'End' }), { key: 'Tab' });
    expect(onChange).toHaveBeenCalledTimes(4);
  });

  it('moves the nearer handle to a click, and a handle along a drag (unsnapped: the editor snaps)', () => {
    const { onChange } = renderStrip();
    const strip = screen.getByTestId('trim-strip');
    vi.spyOn(strip, 'getBoundingClientRect').mockReturnValue({ left: 100, width: 400 } as DOMRect);
    fireEvent.pointerDown(strip, { clientX: 100 + 0.75 * 400, pointerId: 1 });
    expect(onChange).toHaveBeenLastCalledWith('end', 25, false);
    fireEvent.pointerDown(strip, { clientX: 100, pointerId: 1 });
    expect(onChange).toHaveBeenLastCalledWith('start', 10, false);

    const handle = screen.getByRole('slider', { name: 'Start' });
    let captured = false;
    handle.setPointerCapture = () => void (captured = true);
    handle.hasPointerCapture = () => captured;
    fireEvent.pointerMove(handle, { clientX: 300, pointerId: 2 });
    expect(onChange).toHaveBeenCalledTimes(2); // not dragging yet
    fireEvent.pointerDown(handle, { clientX: 140, pointerId: 2 });
    expect(onChange).toHaveBeenCalledTimes(2); // grabbing a handle is not a click on the strip
    fireEvent.pointerMove(handle, { clientX: 180, pointerId: 2 });
    expect(onChange).toHaveBeenLastCalledWith('start', 14, false);
  });
});

describe('trimView', () => {
  it.each([
    // the host's window when both handles sit inside it with a second to spare
    { wave: { startSec: 5, endSec: 35 }, draft: { start: 10, end: 30 }, view: { start: 5, end: 35 } },
    // widened to a handle dragged out of it, inside the video
    { wave: { startSec: 5, endSec: 35 }, draft: { start: 2, end: 39.5 }, view: { start: 1, end: 40 } },
    // before the waveform arrives: the clip with half its length either side (≥ 3 s)
    { wave: null, draft: { start: 10, end: 30 }, view: { start: 0, end: 40 } },
  ])('$wave with $draft → $view', ({ wave, draft, view }) => {
    expect(trimView(wave, draft, { start: 10, end: 30 }, 40)).toEqual(view);
  });
});
