import type { Command } from 'commander';
import { formatClock } from '@kirinuki/pipeline';
import { defineAction } from '../define-action.js';
import { formatBytes } from '../format.js';
import { withHost } from '../with-host.js';

interface RenderFlags {
  platform?: string;
  style?: string;
  out?: string;
}

export function registerRenderCommand(program: Command): void {
  program
    .command('render')
    .description(
      'Render a clip (proposed, approved or rejected) as a platform-ready MP4 with captions, a cover and an SRT',
    )
    .argument('<clip-id>', 'clip id (see `kirinuki clips list`)')
    .option('--platform <name>', "tiktok, reels, shorts, square or x (default: the clip's)")
    .option('--style <name>', "caption style: highlight, pop, boxed, minimal or none (default: the clip's)")
    .option('--out <dir>', 'output folder (default: <library>/exports)')
    .action(
      defineAction(async (ctx, clipId: string, flags: RenderFlags) =>
        withHost(ctx, async (host) => {
          const rendered = await host.render.clipNow(
            {
              clipId,
              platform: flags.platform,
              style: flags.style,
              outDir: flags.out ? ctx.userPath(flags.out) : undefined,
            },
            {
              signal: ctx.signal,
              onProgress: (p) =>
                ctx.progress(
                  `render ${p.stage.padEnd(9)} ${String(Math.round(p.fraction * 100)).padStart(3)}%${p.etaSec !== null && p.fraction < 1 ? `  ETA ${formatClock(p.etaSec)}` : ''}`,
                ),
            },
          );
          ctx.progressDone();
          const { sourceLoudness: _loudness, jobId: _job, ...json } = rendered;
          return {
            json,
            text: `${rendered.output}\n  ${rendered.width}×${rendered.height}, ${rendered.durationSec.toFixed(2)} s, ${formatBytes(rendered.sizeBytes)}, ${rendered.encoder}, ${rendered.preset}\n  cover ${rendered.cover}\n  srt   ${rendered.srt}`,
          };
        }),
      ),
    );
}
