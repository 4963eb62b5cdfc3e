import path from 'node:path';
import { formatClock } from '@kirinuki/pipeline';
import {
  detectFaces,
  FACE_DETECTION_VERSION,
  type FaceDetection,
} from '@kirinuki/pipeline/vision/detect-faces';
import { openVisionInput } from '@kirinuki/pipeline/vision/vision-input';
import { cachedVisionResult } from '@kirinuki/pipeline/vision/vision-result-cache';
import type { Command } from 'commander';
import { defineAction } from '../define-action.js';
import { progressLine } from '../format.js';

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
    .argument('<file>', 'video file')
    .option('--fresh', 'analyse again instead of reusing the last result for this file')
    .action(
      defineAction(async (ctx, file: string, flags: { fresh?: boolean }) => {
        const input = await openVisionInput(ctx.userPath(file), { signal: ctx.signal, logger: ctx.logger });
        const { value, cached } = await cachedVisionResult(
          {
            cacheDir: path.join(ctx.libraryDir, 'cache', 'vision'),
            filePath: input.path,
            pass: 'faces',
            version: FACE_DETECTION_VERSION,
            fresh: Boolean(flags.fresh),
          },
          async (): Promise<FaceDetection> => {
            const { sampleFps, tracks } = await detectFaces(input.path, {
              ffmpeg: input.ffmpeg,
              width: input.width,
              height: input.height,
              durationSec: input.durationSec,
              signal: ctx.signal,
              logger: ctx.logger,
              onProgress: (p) => ctx.progress(progressLine(p.stage, p) + (p.fraction === 1 ? '\n' : '')),
            });
            return { sampleFps, tracks };
          },
        );
        return { json: value, text: formatFaces(value, cached) };
      }),
    );
}
