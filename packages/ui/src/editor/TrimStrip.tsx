import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import type { ClipWaveform } from '../api/api-types.js';
import { formatTimecode } from '../i18n/format.js';
import { stepToBoundary, type Boundary } from './snap-time.js';

export type TrimHandle = 'start' | 'end';

export interface TrimStripProps {
  /** The stretch of video the strip spans (seconds). */
  view: { start: number; end: number };
  start: number;
  end: number;
  waveform: ClipWaveform | null;
  boundaries: readonly Boundary[];
  /** Whether a drag snaps and the arrow keys step to boundaries. */
  snap: boolean;
  /** `snapped`: the time is already a boundary or a keyboard step (do not snap it again). */
  onChange(handle: TrimHandle, time: number, snapped: boolean): void;
  labels: { strip: string; start: string; end: string };
}

const KEY_STEP_SEC = 0.1;
const BIG_STEP_SEC = 1;

/**
 * The clip's trim on the audio around it: the waveform, word starts (short ticks) and shot cuts
 * (full lines) under two handles. Drag a handle, click the strip to move the nearer one, or focus a
 * handle and use the arrow keys (to the next boundary while snapping, else 0.1 s; Shift: 1 s).
 */
export function TrimStrip({
  view,
  start,
  end,
  waveform,
  boundaries,
  snap,
  onChange,
  labels,
}: TrimStripProps) {
  const strip = useRef<HTMLDivElement>(null);
  const span = Math.max(1e-6, view.end - view.start);
  const at = (t: number) => `${(100 * (t - view.start)) / span}%`;
  const timeAt = (clientX: number) => {
    const box = strip.current!.getBoundingClientRect();
    const fraction = Math.min(1, Math.max(0, (clientX - box.left) / Math.max(1, box.width)));
    return view.start + fraction * span;
  };
  const drag = (handle: TrimHandle) => ({
    onPointerDown: (e: PointerEvent<HTMLDivElement>) => {
      e.stopPropagation();
      e.currentTarget.setPointerCapture(e.pointerId);
    },
    onPointerMove: (e: PointerEvent<HTMLDivElement>) => {
      if (e.currentTarget.hasPointerCapture(e.pointerId)) onChange(handle, timeAt(e.clientX), false);
    },
  });
  const keys = (handle: TrimHandle) => (e: KeyboardEvent<HTMLDivElement>) => {
    const now = handle === 'start' ? start : end;
    const direction =
      e.key === 'ArrowRight' || e.key === 'ArrowUp'
        ? 1
        : e.key === 'ArrowLeft' || e.key === 'ArrowDown'
          ? -1
          : 0;
    if (!direction) return;
    e.preventDefault();
    if (e.shiftKey) onChange(handle, now + direction * BIG_STEP_SEC, true);
    else if (snap && boundaries.length)
      onChange(handle, stepToBoundary(now, direction, boundaries) ?? now + direction * KEY_STEP_SEC, true);
    else onChange(handle, now + direction * KEY_STEP_SEC, true);
  };
  const peaks = waveform?.peaks ?? [];
  const peakWidth = peaks.length ? (waveform!.endSec - waveform!.startSec) / peaks.length : 0;
  return (
    <div
      ref={strip}
      className="trim-strip"
      data-testid="trim-strip"
      role="group"
      aria-label={labels.strip}
      onPointerDown={(e) => {
        const t = timeAt(e.clientX);
        onChange(Math.abs(t - start) <= Math.abs(t - end) ? 'start' : 'end', t, false);
      }}
    >
      <svg className="trim-wave" viewBox="0 0 1000 100" preserveAspectRatio="none" aria-hidden="true">
        {peaks.map((p, i) => {
          const x = (1000 * (waveform!.startSec + i * peakWidth - view.start)) / span;
          const h = Math.max(1, p * 96);
          return <rect key={i} x={x} y={50 - h / 2} width={(1000 * peakWidth) / span} height={h} />;
        })}
      </svg>
      {boundaries
        .filter((b) => b.kind !== 'word-end' && b.time >= view.start && b.time <= view.end)
        .map((b, i) => (
          <span key={i} className={`trim-tick trim-tick-${b.kind}`} style={{ left: at(b.time) }} />
        ))}
      <div className="trim-outside" style={{ left: 0, width: at(start) }} />
      <div className="trim-outside" style={{ left: at(end), right: 0 }} />
      {(['start', 'end'] as const).map((handle) => {
        const value = handle === 'start' ? start : end;
        return (
          <div
            key={handle}
            className={`trim-handle trim-handle-${handle}`}
            data-testid={`trim-handle-${handle}`}
            role="slider"
            tabIndex={0}
            aria-label={labels[handle]}
            aria-valuemin={Number(view.start.toFixed(2))}
            aria-valuemax={Number(view.end.toFixed(2))}
            aria-valuenow={Number(value.toFixed(2))}
            aria-valuetext={formatTimecode(value)}
            style={{ left: at(value) }}
            onKeyDown={keys(handle)}
            {...drag(handle)}
          />
        );
      })}
    </div>
  );
}
