// Generated test videos for the vision tests: made with the bundled ffmpeg into a temp folder.
import { runFfmpeg, type FfmpegArg } from '../../ffmpeg/run-ffmpeg.js';
import { resolveFfmpegBinaries } from '../../ffmpeg/ffmpeg-binaries.js';

const ffmpegPath = () => resolveFfmpegBinaries().ffmpeg.path;

/**
 * x264 with three B-frames in a fixed pattern and no scene-cut decisions: I/P frames at multiples of
 * 4, so a cut on frame 50 or 100 falls among (or right after) skipped B-frames.
 */
export const B_FRAMES_ENCODING: FfmpegArg[] = [
  '-bf',
  3,
  '-x264-params',
  'scenecut=0:b-adapt=0:b-pyramid=none',
];

async function make(out: string, args: FfmpegArg[], encoding: FfmpegArg[] = []): Promise<string> {
  await runFfmpeg({
    bin: ffmpegPath(),
    args: [
      '-hide_banner',
      '-v',
      'error',
      '-y',
      ...args,
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      ...encoding,
      '-pix_fmt',
      'yuv420p',
      out,
    ],
  });
  return out;
}

/**
 * 25 fps, 160×90, 9 s:
 * 0–49 testsrc2 · hard cut at 50 · 50–99 colour bars with a one-frame flash at 75 · hard cut at 100 ·
 * 100–149 a fast pan (40 px/frame) fading out over its last 12 frames · 150–224 bars fading in, then
 * dissolving into testsrc2 over frames 180–199 (gradual, middle ≈ 190).
 */
export const EVENTS_VIDEO = { hardCuts: [50, 100], gradual: [150, 190], frames: 225, flash: 75 };

export function makeEventsVideo(out: string, encoding: FfmpegArg[] = []): Promise<string> {
  const graph = [
    'testsrc2=s=160x90:r=25:d=2[a]',
    "smptebars=s=160x90:r=25:d=2,lutyuv=y='min(255,val*2.2)':u=val:v=val:enable='eq(n,25)'[b]",
    "testsrc=s=1280x90:r=25:d=2,crop=160:90:'mod(n*40,1120)':0,fade=t=out:start_frame=38:nb_frames=12[c]",
    'smptebars=s=160x90:r=25:d=3[d1]',
    'testsrc2=s=160x90:r=25:d=3,hue=h=90[d2]',
    "[d1][d2]blend=all_expr='A*(1-clip((T-1.2)/0.8,0,1))+B*clip((T-1.2)/0.8,0,1)',fade=t=in:start_frame=0:nb_frames=12[d]",
    '[a][b][c][d]concat=n=4:v=1:a=0,format=yuv420p[v]',
  ].join(';');
  return make(out, ['-filter_complex', graph, '-map', '[v]', '-g', '250'], encoding);
}

/**
 * Variable frame rate: 25 fps source, hard cut at frame 50 (t = 2.0 s), then frames 60–69 and 80–84
 * of the still second shot dropped with their timestamps kept: 85 frames, decoded index 60 is
 * source frame 70 (t = 2.8 s) and index 70 is source frame 85 (t = 3.4 s).
 */
export const VFR_VIDEO = {
  cutIndex: 50,
  cutTime: 2,
  frames: 85,
  pts: [
    [60, 2.8],
    [70, 3.4],
  ] as Array<[number, number]>,
};

export function makeVfrVideo(out: string): Promise<string> {
  const graph = [
    'testsrc2=s=160x90:r=25:d=2[a]',
    'smptebars=s=160x90:r=25:d=2[b]',
    "[a][b]concat=n=2:v=1:a=0,select='not(between(n,60,69)+between(n,80,84))'[v]",
  ].join(';');
  return make(out, ['-filter_complex', graph, '-map', '[v]', '-vsync', 'vfr']);
}

/**
 * 64×36 with a white left half, tagged `rotate=90` (a phone's display matrix): shown 36×64 with
 * the white half at the bottom. The tag only survives a stream copy, hence two steps.
 */
export async function makeRotatedVideo(out: string): Promise<string> {
  const plain = `${out}.plain.mp4`;
  await make(plain, [
    '-f',
    'lavfi',
    '-i',
    'color=c=black:s=64x36:r=10:d=1,drawbox=x=0:y=0:w=32:h=36:c=white:t=40',
  ]);
  await runFfmpeg({
    bin: ffmpegPath(),
    args: [
      '-hide_banner',
      '-v',
      'error',
      '-y',
      '-i',
      plain,
      '-c',
      'copy',
      '-metadata:s:v:0',
      'rotate=90',
      out,
    ],
  });
  return out;
}

export { ffmpegPath };

/**
 * 30 fps, 1280×720, 8 s of camera moves and no cut: 4 s of a slow pan across testsrc (2 px a frame,
 * a tenth of a thumbnail pixel) then 4 s of the mandelbrot zoom. Window by window both look like
 * a dissolve to the blend test.
 */
export const CAMERA_MOVES_VIDEO = { frames: 240 };

export function makeCameraMovesVideo(out: string): Promise<string> {
  const graph = [
    "testsrc=s=2560x720:r=30:d=4,crop=1280:720:'n*2':0[pan]",
    'mandelbrot=s=640x360:r=30,trim=start=2:duration=4,setpts=PTS-STARTPTS,scale=1280:720,format=yuv420p[zoom]',
    '[pan][zoom]concat=n=2:v=1:a=0,format=yuv420p[v]',
  ].join(';');
  return make(out, ['-filter_complex', graph, '-map', '[v]']);
}
