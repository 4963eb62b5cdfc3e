import path from 'node:path';
import {
  CAPTION_STYLE_NAMES,
  isPlatformName,
  UserFacingError,
  type CaptionStyleName,
  type Clip,
  type ClipRender,
  type Transcript,
  type VideoRecord,
  type VisionResult,
} from '@kirinuki/contracts';
import type { MediaInfo } from '@kirinuki/pipeline';
import { renderClip, type RenderedClip } from '@kirinuki/pipeline/render/render-clip';
import type { RenderProgress } from '@kirinuki/pipeline/render/render-progress';
import { latestStageResult, type StageResultStore } from '../../../common/stage-result-store.js';
import { captionCuesFor } from '../../clips/caption-cues.js';
import { facesInSpan } from './faces-in-span.js';
import type { Logger } from '../../logging/create-logger.js';

/** Share of a render's progress bar the face tracking of its span takes (when it runs). */
const FACES_SHARE = 0.1;

export interface RenderLibraryClipOptions {
  platform?: string | undefined;
  style?: string | undefined;
  outDir: string;
  signal: AbortSignal;
  logger: Logger;
  onProgress?: ((p: RenderProgress) => void) | undefined;
  ffmpeg: { ffmpeg: string; ffprobe: string };
}

/**
 * A file name from a clip title: letters, digits and dashes. A render for another platform than the
 * clip's own is named for its preset too, so two platforms' renders of one clip never overwrite
 * each other in one folder (a post uploads its render byte for byte).
 */
export function renderFileName(
  clip: Pick<Clip, 'rank' | 'title' | 'id' | 'platform'>,
  preset: string = clip.platform,
): string {
  const slug = clip.title
    .normalize('NFKC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || 'clip'}-${clip.id.slice(-6).toLowerCase()}${preset === clip.platform ? '' : `-${preset}`}`;
}

/**
 * Renders a clip (in any status) for a platform and caption style, with the video's transcript for
 * captions and its vision results for the crop, both read from the stage results beside the video.
 * The host sends the clip and the video and records the ClipRendered event.
 */
export async function renderLibraryClip(
  store: StageResultStore,
  clip: Clip,
  video: VideoRecord,
  options: RenderLibraryClipOptions,
): Promise<ClipRender> {
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
  const transcript = await latestStageResult<Transcript>(store, video.sha256, 'transcribe');
  if (!transcript && style !== 'none') {
    throw new UserFacingError(
      'INVALID_ARGUMENT',
      `Video ${video.id} has no transcript yet, so there are no captions to burn in.`,
      {
        hint: `Run \`kirinuki transcribe ${video.id}\` first, or render with --style none.`,
      },
    );
  }
  const vision = await latestStageResult<VisionResult>(store, video.sha256, 'vision');
  const words = (transcript?.segments ?? [])
    .flatMap((s) => s.words)
    .filter((w) => w.end > clip.start && w.start < clip.end);
  const cues =
    style === 'none' ? undefined : captionCuesFor(clip, words, style as CaptionStyleName, platform);
  const { faces, cached } = await facesInSpan(store, video, clip, vision, {
    ffmpeg: options.ffmpeg.ffmpeg,
    signal: options.signal,
    logger: options.logger,
    // The whole render's time left is not known until it encodes.
    onProgress: (fraction) =>
      options.onProgress?.({ stage: 'faces', fraction: FACES_SHARE * fraction, etaSec: null }),
  });
  // The faces took the first part of the bar when they were tracked now; the render the rest.
  const facesShare = cached ? 0 : FACES_SHARE;
  const rendered: RenderedClip = await renderClip({
    source: video.path,
    mediaInfo: video.mediaInfo as MediaInfo,
    start: clip.start,
    end: clip.end,
    words,
    cues,
    faces,
    shots: vision?.shots ?? null,
    platform,
    style: style as CaptionStyleName | 'none',
    outDir: path.resolve(options.outDir),
    name: renderFileName(clip, platform),
    signal: options.signal,
    onProgress: (p) => options.onProgress?.({ ...p, fraction: facesShare + (1 - facesShare) * p.fraction }),
    logger: options.logger,
    ffmpeg: options.ffmpeg,
  });
  return { ...rendered, clipId: clip.id, style };
}
