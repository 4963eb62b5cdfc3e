import path from 'node:path';
import { formatClock } from '@kirinuki/pipeline';
import { detectShots, SHOT_DETECTION_VERSION } from '@kirinuki/pipeline/vision/detect-shots';
import { removeImages, writeFrameJpegs, writeSprite } from '@kirinuki/pipeline/vision/frame-images';
import { chooseKeyframes, filmstripTimes, type Keyframe } from '@kirinuki/pipeline/vision/keyframes';
import type { ShotDetection } from '@kirinuki/pipeline/vision/shot-list';
import { openVisionInput } from '@kirinuki/pipeline/vision/vision-input';
import { cachedVisionResult } from '@kirinuki/pipeline/vision/vision-result-cache';
import type { Command } from 'commander';
import { defineAction } from '../define-action.js';
import { progressLine } from '../format.js';

export function formatShots(result: ShotDetection, cached: boolean): string {
  const hard = result.cuts.filter((c) => c.kind === 'hard').length;
  const lines = [
    `${result.shots.length} shots, ${result.cuts.length} cuts (${hard} hard, ${result.cuts.length - hard} gradual) in ${result.frameCount} frames at ${result.fps} fps${cached ? ' (cached; --fresh to redo)' : ''}`,
  ];
  for (const shot of result.shots) {
    const cut = result.cuts.find((c) => c.frame === shot.startFrame);
    lines.push(
      [
        `#${shot.index}`.padStart(4),
        `${formatClock(shot.start)}–${formatClock(shot.end)}`.padEnd(13),
        `frames ${shot.startFrame}–${shot.endFrame}`.padEnd(20),
        cut ? `${cut.kind} cut (${cut.confidence.toFixed(2)})` : 'start',
      ].join('  '),
    );
  }
  return lines.join('\n');
}

interface CachedShots {
  detection: ShotDetection;
  keyframes: Keyframe[];
}

const FILMSTRIP_TILES = 20;

export function registerShotsCommand(program: Command): void {
  program
    .command('shots')
    .description('Find the shots of a video: hard cuts, fades and dissolves, frame-exact')
    .argument('<file>', 'video file')
    .option('--fresh', 'analyse again instead of reusing the last result for this file')
    .option('--images <dir>', 'also write a keyframe JPEG per shot and two sprites (keyframes, filmstrip)')
    .action(
      defineAction(async (ctx, file: string, flags: { fresh?: boolean; images?: string }) => {
        const input = await openVisionInput(ctx.userPath(file), { signal: ctx.signal, logger: ctx.logger });
        const { value, cached } = await cachedVisionResult(
          {
            cacheDir: path.join(ctx.libraryDir, 'cache', 'vision'),
            filePath: input.path,
            pass: 'shots',
            version: SHOT_DETECTION_VERSION,
            fresh: Boolean(flags.fresh),
          },
          async (): Promise<CachedShots> => {
            const { fps, frameCount, cuts, shots, features, pts } = await detectShots(input.path, {
              ffmpeg: input.ffmpeg,
              fps: input.fps,
              durationSec: input.durationSec,
              signal: ctx.signal,
              logger: ctx.logger,
              onProgress: (p) => ctx.progress(progressLine(p.stage, p) + (p.fraction === 1 ? '\n' : '')),
            });
            return {
              detection: { fps, frameCount, cuts, shots },
              keyframes: chooseKeyframes(shots, features.std, pts),
            };
          },
        );
        const text = formatShots(value.detection, cached);
        if (!flags.images) return { json: value.detection, text };
        const dir = ctx.userPath(flags.images);
        const imageOptions = {
          ffmpeg: input.ffmpeg,
          signal: ctx.signal,
          logger: ctx.logger,
          onProgress: (p: { stage: string; fraction: number | null; etaSec: number | null }) =>
            ctx.progress(progressLine(p.stage, p) + (p.fraction === 1 ? '\n' : '')),
        };
        const times = value.keyframes.map((k) => k.time);
        const keyframes = await writeFrameJpegs(input.path, times, dir, 'shot', 180, imageOptions);
        const layout = { columns: 5, cellWidth: 192, cellHeight: 108 };
        const keyframeSprite = path.join(dir, 'keyframes.jpg');
        await writeSprite(keyframes, keyframeSprite, layout, imageOptions);
        const stills = await writeFrameJpegs(
          input.path,
          filmstripTimes(input.durationSec, FILMSTRIP_TILES),
          dir,
          'filmstrip',
          108,
          imageOptions,
        );
        const filmstrip = path.join(dir, 'filmstrip.jpg');
        await writeSprite(stills, filmstrip, { ...layout, columns: FILMSTRIP_TILES / 2 }, imageOptions);
        removeImages(stills);
        return {
          json: { ...value.detection, images: { keyframes, keyframeSprite, filmstrip } },
          text: `${text}\nkeyframes: ${keyframeSprite}\nfilmstrip: ${filmstrip}`,
        };
      }),
    );
}
