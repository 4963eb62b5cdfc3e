import type { Command } from 'commander';
import { resolveFfmpegBinaries, validateMediaFile, formatClock } from '@kirinuki/pipeline';
import { defineAction } from '../define-action.js';
import { formatBytes } from '../format.js';

export function registerProbeCommand(program: Command): void {
  program
    .command('probe')
    .description('Show what a media file holds (container, duration, video and audio streams)')
    .argument('<file>', 'a local media file')
    .action(
      defineAction(async (ctx, file: string) => {
        const bins = resolveFfmpegBinaries();
        // The same checks as import (in the same order), so probe explains why a file would be refused.
        const { info, warnings } = await validateMediaFile(ctx.userPath(file), {
          ffmpeg: bins.ffmpeg.path,
          ffprobe: bins.ffprobe.path,
          signal: ctx.signal,
          logger: ctx.logger,
        });
        const { still: _still, ...video } = info.video ?? { still: false };
        const json = { ...info, video: info.video ? video : null, warnings };
        const v = info.video;
        const text = [
          `container  ${info.container}, ${formatClock(info.durationSec)} (${info.durationSec.toFixed(3)} s), ${formatBytes(info.sizeBytes)}${info.bitRate ? `, ${Math.round(info.bitRate / 1000)} kb/s` : ''}`,
          v
            ? `video      ${v.codec} ${v.width}×${v.height} ${v.fps} fps${v.vfr ? ' (variable)' : ''}${v.rotation ? `, rotated ${v.rotation}°` : ''}, ${v.pixFmt ?? '?'}`
            : 'video      none',
          info.audio
            ? `audio      ${info.audio.codec} ${info.audio.sampleRate} Hz, ${info.audio.channels} ch`
            : 'audio      none',
          ...warnings.map((w) => `warning    ${w}`),
        ].join('\n');
        return { json, text };
      }),
    );
}
