import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildAss } from '../captions/build-ass.js';
import { buildSrt } from '../captions/build-srt.js';
import { resolveCaptionFontsDir } from '../captions/caption-font.js';
import { CAPTION_STYLES, type CaptionStyleName } from '../captions/caption-styles.js';
import type { CaptionCue, TimedWord } from '../captions/caption-types.js';
import { planCaptions } from '../captions/plan-captions.js';
import {
  abortError,
  isAbortError,
  throwIfAborted,
  UserFacingError,
  type RenderedFile,
} from '@kirinuki/contracts';
import { resolveFfmpegBinaries } from '../ffmpeg/ffmpeg-binaries.js';
import type { CapabilityName } from '../ffmpeg/ffmpeg-capabilities.js';
import { runFfmpeg, type CommandLogger } from '../ffmpeg/run-ffmpeg.js';
import type { MediaInfo } from '../probe/media-info.js';
import { runFfprobeJson } from '../probe/probe-media.js';
import { planCropPath } from '../reframe/plan-crop-path.js';
import type { FaceTracks, NoSubjectFallback, ShotBounds } from '../reframe/reframe-inputs.js';
import { checkRenderedOutput } from './check-output.js';
import { chooseVideoEncoder, type TestEncode } from './choose-encoder.js';
import { chooseCoverTime } from './cover-time.js';
import { loudnessSecondPass, measureLoudness } from './loudness.js';
import { topLevelAtoms } from './mp4-atoms.js';
import { outputFps } from './output-fps.js';
import { isPlatformName, RENDER_PRESETS, type PlatformName, type RenderPreset } from './platform-presets.js';
import { buildRenderGraph } from './render-graph.js';
import { overallProgress, type RenderProgress } from './render-progress.js';
import { videoEncoderArgs, type VideoEncoderName } from './video-encoder.js';

export interface RenderClipOptions {
  source: string;
  mediaInfo: MediaInfo;
  /** Clip bounds in source seconds. */
  start: number;
  end: number;
  /** ASR words in source time (used when `cues` is not given). */
  words: readonly TimedWord[];
  /** Edited captions in clip time (from `editCaptionCue`); they win over `words`. */
  cues?: readonly CaptionCue[] | undefined;
  faces?: FaceTracks | null | undefined;
  shots?: ShotBounds | null | undefined;
  platform: PlatformName;
  /** A caption style, or 'none' for no burnt-in captions (the SRT is still written). */
  style: CaptionStyleName | 'none';
  outDir: string;
  /** File name without extension; default `<source name>-<start>-<end>`. */
  name?: string | undefined;
  keywords?: readonly string[] | undefined;
  /** What to show in shots without a face: a centre crop (default) or the whole frame over a blur. */
  fallback?: NoSubjectFallback | undefined;
  signal?: AbortSignal | undefined;
  onProgress?: ((progress: RenderProgress) => void) | undefined;
  logger?: CommandLogger | undefined;
  /** Binaries; default KIRINUKI_FFMPEG/KIRINUKI_FFPROBE or the bundled ones. */
  ffmpeg?: { ffmpeg: string; ffprobe: string } | undefined;
  /** For tests: pretend the ffmpeg has these capabilities / force an encoder. */
  capabilities?: Readonly<Record<CapabilityName, boolean>> | undefined;
  testEncode?: TestEncode | undefined;
  encoder?: VideoEncoderName | undefined;
}

/** The files a render made (the shared RenderedFile), with the encoder named as the render knows it. */
export type RenderedClip = RenderedFile & { encoder: VideoEncoderName };

/** Allowed difference between the rendered and the requested duration. */
export const DURATION_TOLERANCE_SEC = 0.1;

function validate(o: RenderClipOptions): { preset: RenderPreset; durationSec: number } {
  if (!isPlatformName(o.platform)) {
    throw new UserFacingError('INVALID_ARGUMENT', `Unknown platform "${String(o.platform)}".`, {
      hint: `Use one of: ${Object.keys(RENDER_PRESETS).join(', ')}.`,
    });
  }
  if (o.style !== 'none' && !Object.hasOwn(CAPTION_STYLES, o.style)) {
    throw new UserFacingError('INVALID_ARGUMENT', `Unknown caption style "${String(o.style)}".`, {
      hint: `Use one of: ${Object.keys(CAPTION_STYLES).join(', ')}, none.`,
    });
  }
  if (!existsSync(o.source)) throw new UserFacingError('FILE_NOT_FOUND', `${o.source} does not exist.`);
  if (!o.mediaInfo.video || o.mediaInfo.video.still) {
    throw new UserFacingError('NO_VIDEO_STREAM', `${path.basename(o.source)} has no moving video to render.`);
  }
  const preset = RENDER_PRESETS[o.platform];
  const durationSec = o.end - o.start;
  if (!(o.start >= 0 && durationSec > 0.2 && o.end <= o.mediaInfo.durationSec + 0.05)) {
    throw new UserFacingError(
      'INVALID_ARGUMENT',
      `Clip ${o.start}–${o.end} s is not inside the ${o.mediaInfo.durationSec.toFixed(2)} s video.`,
      { hint: 'Pick a start before the end, both within the video.' },
    );
  }
  if (durationSec > preset.maxDurationSec) {
    throw new UserFacingError(
      'INVALID_ARGUMENT',
      `The clip is ${durationSec.toFixed(1)} s; ${o.platform} takes at most ${preset.maxDurationSec} s.`,
      { hint: 'Shorten the clip or choose another platform.' },
    );
  }
  return { preset, durationSec };
}

const defaultName = (source: string, start: number, end: number) =>
  `${path.parse(source).name.replace(/[^\w.-]+/g, '_')}-${start.toFixed(2)}-${end.toFixed(2)}`;

/**
 * Renders one platform-ready clip in a single ffmpeg pass (after a quick audio-only loudness
 * measurement): accurate trim, reframing crop path, burnt-in captions, −14 LUFS audio, H.264
 * High + AAC 48 kHz with moov first. Then writes a cover JPEG and an SRT, probes the result and
 * throws if it does not match the preset. Cancelling rejects with an AbortError and removes
 * every partial file.
 */
export async function renderClip(o: RenderClipOptions): Promise<RenderedClip> {
  const started = Date.now();
  const report = (stage: Exclude<RenderProgress['stage'], 'faces'>, f: number) =>
    o.onProgress?.(overallProgress(stage, f, (Date.now() - started) / 1000));
  throwIfAborted(o.signal);
  const { preset, durationSec } = validate(o);
  const video = o.mediaInfo.video as NonNullable<MediaInfo['video']>;
  const bins =
    o.ffmpeg ??
    (({ ffmpeg, ffprobe }) => ({ ffmpeg: ffmpeg.path, ffprobe: ffprobe.path }))(resolveFfmpegBinaries());
  const name = o.name ?? defaultName(o.source, o.start, o.end);
  await mkdir(o.outDir, { recursive: true });
  const output = path.join(o.outDir, `${name}.mp4`);
  const partial = path.join(o.outDir, `${name}.partial.mp4`);
  const cover = path.join(o.outDir, `${name}.jpg`);
  const srt = path.join(o.outDir, `${name}.srt`);
  const work = await mkdtemp(path.join(os.tmpdir(), 'kirinuki-render-'));
  const written = [partial, output, cover, srt];
  try {
    report('prepare', 0);
    const frame = { width: preset.width, height: preset.height, safe: preset.safe };
    const style = o.style === 'none' ? CAPTION_STYLES.minimal : CAPTION_STYLES[o.style];
    const cues = o.cues
      ? [...o.cues]
      : planCaptions({
          words: o.words,
          start: o.start,
          end: o.end,
          style,
          frame,
          keywords: o.keywords ?? [],
        });
    const fps = outputFps(video.fps);
    const plan = planCropPath({
      start: o.start,
      end: o.end,
      source: { width: video.width, height: video.height },
      output: preset,
      faces: o.faces,
      shots: o.shots,
      fallback: o.fallback ?? 'center',
    });
    const encoder =
      o.encoder ??
      (await chooseVideoEncoder({ bin: bins.ffmpeg, capabilities: o.capabilities, testEncode: o.testEncode }))
        .encoder;
    let captions: { assPath: string; fontsDir: string } | null = null;
    if (o.style !== 'none' && cues.length > 0) {
      const assPath = path.join(work, 'captions.ass');
      await writeFile(assPath, buildAss(cues, style, frame), 'utf8');
      captions = { assPath, fontsDir: resolveCaptionFontsDir() };
    }
    report('prepare', 1);

    const hasAudio = o.mediaInfo.audio !== null;
    const measured = hasAudio
      ? await measureLoudness({
          bin: bins.ffmpeg,
          input: o.source,
          start: o.start,
          durationSec,
          signal: o.signal,
          logger: o.logger,
          onProgress: (p) => report('loudness', p.fraction ?? 0),
        })
      : null;

    const encodeArgs = videoEncoderArgs(encoder, { fps: fps.value, maxBitrate: preset.videoMaxBitrate });
    const pixFmt = encodeArgs[encodeArgs.indexOf('-pix_fmt') + 1] ?? 'yuv420p';
    const graphPath = path.join(work, 'graph.txt');
    await writeFile(
      graphPath,
      buildRenderGraph({
        plan,
        output: preset,
        fps,
        captions,
        audioFilter: measured ? loudnessSecondPass(measured) : null,
        hasAudio,
        pixFmt,
      }),
      'utf8',
    );
    await runFfmpeg({
      bin: bins.ffmpeg,
      args: [
        '-hide_banner',
        '-nostdin',
        '-y',
        '-v',
        'error',
        '-ss',
        o.start.toFixed(3),
        '-t',
        durationSec.toFixed(3),
        '-i',
        o.source,
        !hasAudio && '-f',
        !hasAudio && 'lavfi',
        !hasAudio && '-t',
        !hasAudio && durationSec.toFixed(3),
        !hasAudio && '-i',
        !hasAudio && 'anullsrc=r=48000:cl=stereo',
        '-filter_complex_script',
        graphPath,
        '-map',
        '[vout]',
        '-map',
        '[aout]',
        ...encodeArgs,
        '-r',
        fps.expr,
        '-c:a',
        'aac',
        '-b:a',
        preset.audioBitrate,
        '-ar',
        48000,
        '-ac',
        2,
        '-t',
        durationSec.toFixed(3),
        '-movflags',
        '+faststart',
        '-max_muxing_queue_size',
        1024,
        '-map_metadata',
        -1,
        '-f',
        'mp4',
        partial,
      ],
      durationSec,
      signal: o.signal,
      logger: o.logger,
      onProgress: (p) => report('encode', p.fraction ?? 0),
    });

    report('finish', 0);
    await runFfmpeg({
      bin: bins.ffmpeg,
      args: [
        '-hide_banner',
        '-nostdin',
        '-y',
        '-v',
        'error',
        '-ss',
        chooseCoverTime(durationSec, cues).toFixed(3),
        '-i',
        partial,
        '-frames:v',
        1,
        '-q:v',
        3,
        '-f',
        'image2',
        cover,
      ],
      signal: o.signal,
      logger: o.logger,
    });
    await writeFile(srt, buildSrt(cues), 'utf8');
    report('finish', 0.5);

    const [probe, { size }, atoms] = await Promise.all([
      runFfprobeJson(partial, { ffprobe: bins.ffprobe, signal: o.signal, logger: o.logger }),
      stat(partial),
      topLevelAtoms(partial),
    ]);
    const problems = checkRenderedOutput(
      { probe, sizeBytes: size, atoms },
      { preset, durationSec, toleranceSec: DURATION_TOLERANCE_SEC },
    );
    if (problems.length > 0) {
      throw new UserFacingError(
        'INTERNAL',
        `The rendered ${o.platform} clip does not match its preset: ${problems.join('; ')}.`,
        {
          hint: 'Nothing was kept. Report this with the log file; rendering with another encoder may work meanwhile.',
          details: { problems, encoder },
        },
      );
    }
    throwIfAborted(o.signal);
    await rename(partial, output);
    report('finish', 1);
    return {
      output,
      cover,
      srt,
      width: preset.width,
      height: preset.height,
      durationSec: Number(probe.format?.duration),
      sizeBytes: size,
      encoder,
      preset: o.platform,
      sourceLoudness: measured?.inputI ?? null,
    };
  } catch (error) {
    await Promise.all(written.map((f) => rm(f, { force: true })));
    if (o.signal?.aborted && !isAbortError(error)) throw abortError();
    throw error;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
