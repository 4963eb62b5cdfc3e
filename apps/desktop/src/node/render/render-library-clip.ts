import path from 'node:path';
import { UserFacingError, type MediaInfo } from '@kirinuki/pipeline';
import type { Transcript } from '@kirinuki/pipeline/asr/transcript';
import {
  CAPTION_STYLE_NAMES,
  CAPTION_STYLES,
  type CaptionStyleName,
} from '@kirinuki/pipeline/captions/caption-styles';
import { placeCaptions } from '@kirinuki/pipeline/captions/caption-frame';
import { planCaptions } from '@kirinuki/pipeline/captions/plan-captions';
import { editCaptionCue } from '@kirinuki/pipeline/captions/edit-caption';
import type { CaptionCue } from '@kirinuki/pipeline/captions/caption-types';
import {
  isPlatformName,
  RENDER_PRESETS,
  type PlatformName,
} from '@kirinuki/pipeline/render/platform-presets';
import { renderClip, type RenderedClip } from '@kirinuki/pipeline/render/render-clip';
import type { RenderProgress } from '@kirinuki/pipeline/render/render-progress';
import type { Clip } from '../../common/clip-types.js';
import { findClip } from '../clips/clips-repository.js';
import { newEventId } from '../events/event-id.js';
import { appendEvents } from '../events/events-repository.js';
import type { Library } from '../library/library.js';
import { findVideoById } from '../library/videos-repository.js';
import type { Logger } from '../logging/create-logger.js';
import { storedTranscript, storedVision } from './stage-results-of-video.js';

export interface RenderLibraryClipOptions {
  platform?: string | undefined;
  style?: string | undefined;
  outDir: string;
  signal: AbortSignal;
  logger: Logger;
  onProgress?: ((p: RenderProgress) => void) | undefined;
  ffmpeg: { ffmpeg: string; ffprobe: string };
}

export type LibraryRender = RenderedClip & { clipId: string; style: string };

/** A file name from a clip title: letters, digits and dashes. */
export function renderFileName(clip: Pick<Clip, 'rank' | 'title' | 'id'>): string {
  const slug = clip.title
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'clip'}-${clip.id.slice(-6).toLowerCase()}`;
}

/** Captions for the clip: planned from the transcript words, then the user's edited lines applied. */
export function captionCuesFor(
  clip: Clip,
  words: Transcript['segments'][number]['words'],
  style: CaptionStyleName,
  platform: PlatformName,
): CaptionCue[] {
  const preset = RENDER_PRESETS[platform];
  const frame = { width: preset.width, height: preset.height, safe: preset.safe };
  let cues = planCaptions({ words, start: clip.start, end: clip.end, style: CAPTION_STYLES[style], frame });
  const { layout } = placeCaptions(CAPTION_STYLES[style], frame);
  // Later edits first would shift indices when a cue splits; apply from the last line backwards.
  for (const edit of [...clip.captions].sort((a, b) => b.index - a.index)) {
    if (edit.index < cues.length) cues = editCaptionCue(cues, edit.index, edit.text, layout);
  }
  return cues;
}

/**
 * Renders a stored clip (in any status) for a platform and caption style, with the video's
 * transcript for captions and its vision results for the crop, and records a ClipRendered event.
 */
export async function renderLibraryClip(
  library: Library,
  clipId: string,
  options: RenderLibraryClipOptions,
): Promise<LibraryRender> {
  const clip = await findClip(library.db, clipId);
  if (!clip)
    throw new UserFacingError('NOT_FOUND', `No clip with id ${clipId}.`, {
      hint: 'Run `kirinuki clips list` to see the clips.',
    });
  const video = await findVideoById(library.db, clip.videoId);
  if (!video)
    throw new UserFacingError('NOT_FOUND', `The video of clip ${clipId} is no longer in the library.`);
  const platform = options.platform ?? clip.platform;
  if (!isPlatformName(platform))
    throw new UserFacingError('INVALID_ARGUMENT', `Unknown platform "${platform}".`, {
      hint: 'Use tiktok, reels, shorts, x or square.',
    });
  const style = options.style ?? clip.style;
  if (style !== 'none' && !(CAPTION_STYLE_NAMES as readonly string[]).includes(style)) {
    throw new UserFacingError('INVALID_ARGUMENT', `Unknown caption style "${style}".`, {
      hint: `Use ${CAPTION_STYLE_NAMES.join(', ')} or none.`,
    });
  }
  const transcript = storedTranscript(library, video.sha256);
  if (!transcript && style !== 'none') {
    throw new UserFacingError(
      'INVALID_ARGUMENT',
      `Video ${video.id} has no transcript yet, so there are no captions to burn in.`,
      {
        hint: `Run \`kirinuki transcribe ${video.id}\` first, or render with --style none.`,
      },
    );
  }
  const vision = storedVision(library, video.sha256);
  const words = (transcript?.segments ?? [])
    .flatMap((s) => s.words)
    .filter((w) => w.end > clip.start && w.start < clip.end);
  const cues =
    style === 'none' ? undefined : captionCuesFor(clip, words, style as CaptionStyleName, platform);
  const rendered = await renderClip({
    source: video.path,
    mediaInfo: video.mediaInfo as MediaInfo,
    start: clip.start,
    end: clip.end,
    words,
    cues,
    faces: (vision?.faces as never) ?? null,
    shots: (vision?.shots as never) ?? null,
    platform,
    style: style as CaptionStyleName | 'none',
    outDir: path.resolve(options.outDir),
    name: renderFileName(clip),
    signal: options.signal,
    onProgress: options.onProgress,
    logger: options.logger,
    ffmpeg: options.ffmpeg,
  });
  await appendEvents(library.db, [
    {
      id: newEventId(),
      type: 'ClipRendered',
      aggregateId: clip.id,
      at: new Date().toISOString(),
      payload: { clipId: clip.id, videoId: video.id, style, ...rendered },
    },
  ]);
  return { ...rendered, clipId: clip.id, style };
}
