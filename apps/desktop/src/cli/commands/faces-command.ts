import { formatClock } from '@kirinuki/pipeline';
import type { FaceDetection } from '@kirinuki/pipeline/vision/detect-faces';
import type { Command } from 'commander';
import { defineAction } from '../define-action.js';
import { progressLine } from '../format.js';
import { withHost } from '../with-host.js';
import { etaReporter } from '../eta-reporter.js';

export function formatFaces(result: FaceDetection, cached: boolean): string {
  const lines = [
    `${result.tracks.length} face track${result.tracks.length === 1 ? '' : 's'} (sampled at ${result.sampleFps} fps)${cached ? ' (cached; --fresh to redo)' : ''}`,
  ];
  for (const track of result.tracks) {
    const meanWidth = track.boxes.reduce((s, b) => s + b.w, 0) / Math.max(1, track.boxes.length);
    lines.push(
      [
        `#${track.id}`.padStart(4),
        `${formatClock(track.start)}–${formatClock(track.end)}`.padEnd(13),
        `in ${Math.round(track.coverage * 100)}% of samples`.padEnd(20),
        `face width ${Math.round(meanWidth * 100)}% of the picture`,
      ].join('  '),
    );
  }
  return lines.join('\n');
}

export function registerFacesCommand(program: Command): void {
  program
    .command('faces')
    .description('Find and track faces in a video (BlazeFace, offline), in normalised coordinates')
    .argument('<file|video-id>', 'a video file, or the id of a video in the library')
    .option('--fresh', 'analyse again instead of reusing the last result for this file')
    .action(
      defineAction(async (ctx, input: string, flags: { fresh?: boolean }) =>
        withHost(ctx, async (host) => {
          const { faces, cached } = await host.vision.faces(
            { input, fresh: Boolean(flags.fresh) },
            {
              cwd: ctx.cwd,
              signal: ctx.signal,
              onProgress: etaReporter((line) => ctx.progress(line), progressLine),
            },
          );
          ctx.progressDone();
          return { json: faces, text: formatFaces(faces, cached) };
        }),
      ),
    );
}
