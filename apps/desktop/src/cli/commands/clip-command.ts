import type { Command } from 'commander';
import { PLATFORM_NAMES, UserFacingError, type Clip } from '@kirinuki/contracts';
import { formatClock } from '@kirinuki/pipeline';
import { defineAction } from '../define-action.js';
import { withHost } from '../with-host.js';

interface ClipFlags {
  platform?: string;
  count?: string;
  min?: string;
  max?: string;
  fresh?: boolean;
  allowPrivateNetwork?: boolean;
  render?: boolean;
  style?: string;
  out?: string;
  rerank?: boolean;
}

const seconds = (flag: string, value: string | undefined) => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new UserFacingError('INVALID_ARGUMENT', `${flag} takes a number of seconds, not "${value}".`);
  return n;
};

const count = (value: string | undefined) => {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 50)
    throw new UserFacingError(
      'INVALID_ARGUMENT',
      `--count takes a whole number from 1 to 50, not "${value}".`,
    );
  return n;
};

/** A proposal as `kirinuki clip --json` prints it. */
export const clipSummary = (c: Clip) => ({
  id: c.id,
  rank: c.rank,
  start: c.start,
  end: c.end,
  duration: c.duration,
  score: c.score,
  reasons: c.reasons,
  text: c.text,
  title: c.title,
  hashtags: c.hashtags,
});

export function registerClipCommand(program: Command): void {
  program
    .command('clip')
    .description(
      'Find the best clips in a video: import → transcribe ∥ vision → proposals with scores and reasons',
    )
    .argument('<input>', 'a video file, an http(s) URL, or the id of a video in the library')
    .option(
      '--platform <name>',
      `platform preset: ${PLATFORM_NAMES.join(', ')} (default: the platform setting, tiktok)`,
    )
    .option('--count <n>', 'how many clips to propose (1–50, default 10)')
    .option('--min <sec>', 'shortest clip, seconds (default: the platform’s)')
    .option('--max <sec>', 'longest clip, seconds (default: the platform’s)')
    .option('--fresh', 'recompute the transcript, vision and proposals instead of reusing them')
    .option('--allow-private-network', 'allow URLs on loopback, private or link-local addresses')
    .option('--rerank', 'ask an OpenAI model for a second opinion on the ranking (your key; cached)')
    .option('--no-rerank', 'heuristic ranking only, whatever the llmRerank setting says')
    .option('--render', 'also render the proposed clips (MP4 + cover + SRT each)')
    .option('--style <name>', 'caption style for --render: highlight, pop, boxed, minimal or none')
    .option('--out <dir>', 'output folder for --render (default: <library>/exports)')
    .action(
      defineAction(async (ctx, input: string, flags: ClipFlags) =>
        withHost(ctx, async (host) => {
          const found = await host.clips.find(
            {
              input,
              platform: flags.platform,
              count: count(flags.count),
              minSec: seconds('--min', flags.min),
              maxSec: seconds('--max', flags.max),
              fresh: flags.fresh,
              rerank: flags.rerank,
              allowPrivateNetwork: flags.allowPrivateNetwork,
            },
            { cwd: ctx.cwd, signal: ctx.signal },
          );
          const outputs = new Map<string, string>();
          if (flags.render) {
            for (const clip of found.clips) {
              const rendered = await host.render.clipNow(
                {
                  clipId: clip.id,
                  platform: found.platform,
                  style: flags.style,
                  outDir: flags.out ? ctx.userPath(flags.out) : undefined,
                },
                {
                  signal: ctx.signal,
                  onProgress: (p) =>
                    ctx.progress(
                      `render #${clip.rank} ${p.stage.padEnd(9)} ${String(Math.round(p.fraction * 100)).padStart(3)}%`,
                    ),
                },
              );
              outputs.set(clip.id, rendered.output);
            }
            ctx.progressDone();
          }
          const json = {
            videoId: found.videoId,
            platform: found.platform,
            ...(found.rerank ? { rerank: found.rerank } : {}),
            clips: found.clips.map((c) => ({
              ...clipSummary(c),
              ...(outputs.has(c.id) ? { output: outputs.get(c.id) } : {}),
            })),
          };
          const text = [
            `${found.clips.length} clip(s) for ${found.platform} from video ${found.videoId}:`,
            ...found.clips.map(
              (c) =>
                `#${c.rank} ${String(c.score).padStart(3)}  ${formatClock(c.start)}–${formatClock(c.end)}  ${c.title}\n     ${c.reasons.join(' · ')}${outputs.has(c.id) ? `\n     → ${outputs.get(c.id)}` : ''}`,
            ),
          ].join('\n');
          return { json, text };
        }),
      ),
    );
}
