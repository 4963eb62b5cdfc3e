import { formatClock } from '@kirinuki/pipeline';
import type { ShotDetection } from '@kirinuki/pipeline/vision/shot-list';
import type { Command } from 'commander';
import { defineAction } from '../define-action.js';
import { progressLine } from '../format.js';
import { withHost } from '../with-host.js';
import { etaReporter } from '../eta-reporter.js';

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

export function registerShotsCommand(program: Command): void {
  program
    .command('shots')
    .description('Find the shots of a video: hard cuts, fades and dissolves, frame-exact')
    .argument('<file|video-id>', 'a video file, or the id of a video in the library')
    .option('--fresh', 'analyse again instead of reusing the last result for this file')
    .option('--images <dir>', 'also write a keyframe JPEG per shot and two sprites (keyframes, filmstrip)')
    .action(
      defineAction(async (ctx, input: string, flags: { fresh?: boolean; images?: string }) =>
        withHost(ctx, async (host) => {
          const { detection, cached, images } = await host.vision.shots(
            { input, fresh: Boolean(flags.fresh), imagesDir: flags.images ?? null },
            {
              cwd: ctx.cwd,
              signal: ctx.signal,
              onProgress: etaReporter((line) => ctx.progress(line), progressLine),
            },
          );
          ctx.progressDone();
          const text = formatShots(detection, cached);
          if (!images) return { json: detection, text };
          return {
            json: { ...detection, images },
            text: `${text}\nkeyframes: ${images.keyframeSprite}\nfilmstrip: ${images.filmstrip}`,
          };
        }),
      ),
    );
}
