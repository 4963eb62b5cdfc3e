import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { throwIfAborted } from '@kirinuki/contracts';
import { runFfmpeg, type CommandLogger } from '../ffmpeg/run-ffmpeg.js';
import type { VisionProgress } from './vision-progress.js';

export interface FrameImageOptions {
  ffmpeg: string;
  signal?: AbortSignal | undefined;
  logger?: CommandLogger | undefined;
  onProgress?: ((progress: VisionProgress) => void) | undefined;
}

/** Writes the frame shown at `time` as a JPEG `height` pixels tall (seeks, so it costs one GOP). */
export async function writeFrameJpeg(
  input: string,
  time: number,
  out: string,
  height: number,
  options: FrameImageOptions,
): Promise<void> {
  await runFfmpeg({
    bin: options.ffmpeg,
    args: [
      '-hide_banner',
      '-v',
      'error',
      '-y',
      '-ss',
      time.toFixed(6),
      '-i',
      input,
      '-frames:v',
      1,
      '-vf',
      `scale=-2:${height}`,
      '-q:v',
      3,
      out,
    ],
    signal: options.signal,
    logger: options.logger,
  });
}

/** One JPEG per time, named `<prefix>-000.jpg`…, with progress. Returns the paths. */
export async function writeFrameJpegs(
  input: string,
  times: readonly number[],
  outDir: string,
  prefix: string,
  height: number,
  options: FrameImageOptions,
): Promise<string[]> {
  mkdirSync(outDir, { recursive: true });
  const started = Date.now();
  const paths: string[] = [];
  for (const [i, time] of times.entries()) {
    throwIfAborted(options.signal);
    const out = path.join(outDir, `${prefix}-${String(i).padStart(3, '0')}.jpg`);
    await writeFrameJpeg(input, time, out, height, options);
    paths.push(out);
    const fraction = (i + 1) / times.length;
    const elapsed = (Date.now() - started) / 1000;
    options.onProgress?.({
      stage: `writing ${prefix} images`,
      fraction,
      etaSec: (elapsed / fraction) * (1 - fraction),
    });
  }
  return paths;
}

/**
 * Tiles images (all from `writeFrameJpegs`) into one sprite: `columns` across, each cell
 * `cellWidth`×`cellHeight` with the picture letterboxed, so the UI can show any cell by offset.
 */
export async function writeSprite(
  images: readonly string[],
  out: string,
  layout: { columns: number; cellWidth: number; cellHeight: number },
  options: FrameImageOptions,
): Promise<{ columns: number; rows: number; cellWidth: number; cellHeight: number; count: number }> {
  const { columns, cellWidth: w, cellHeight: h } = layout;
  const rows = Math.max(1, Math.ceil(images.length / columns));
  const first = images[0];
  if (!first) throw new Error('a sprite needs at least one image');
  const pattern = first.replace(/-\d{3}\.jpg$/, '-%03d.jpg');
  await runFfmpeg({
    bin: options.ffmpeg,
    args: [
      '-hide_banner',
      '-v',
      'error',
      '-y',
      '-f',
      'image2',
      '-start_number',
      0,
      '-i',
      pattern,
      '-vf',
      `scale=${w}:${h}:force_original_aspect_ratio=decrease,pad=${w}:${h}:(ow-iw)/2:(oh-ih)/2,tile=${columns}x${rows}`,
      '-frames:v',
      1,
      '-q:v',
      3,
      out,
    ],
    signal: options.signal,
    logger: options.logger,
  });
  return { columns, rows, cellWidth: w, cellHeight: h, count: images.length };
}

/** Removes the single-frame images once they are tiled. */
export function removeImages(paths: readonly string[]): void {
  for (const p of paths) rmSync(p, { force: true });
}
