const NTSC: Array<[number, string]> = [
  [23.976, '24000/1001'],
  [29.97, '30000/1001'],
  [59.94, '60000/1001'],
];

/** Constant output frame rate for a source rate: kept when platforms take it, else a common one. */
export function outputFps(sourceFps: number | null | undefined): { value: number; expr: string } {
  const fps = sourceFps && Number.isFinite(sourceFps) ? sourceFps : 30;
  for (const [rate, expr] of NTSC) if (Math.abs(fps - rate) < 0.01) return { value: rate, expr };
  if (fps < 23) return { value: 30, expr: '30' };
  if (fps > 60.5) {
    const half = fps / 2;
    return half <= 60.5 && half >= 23 ? outputFps(half) : { value: 30, expr: '30' };
  }
  const rounded = Math.round(fps);
  return { value: rounded, expr: String(rounded) };
}
