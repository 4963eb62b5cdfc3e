import { describe, expect, it } from 'vitest';
import type { CropPlan } from '../reframe/crop-plan.js';
import { checkRenderedOutput, type OutputFacts } from './check-output.js';
import { chooseCoverTime } from './cover-time.js';
import { escapeFilterValue } from './filter-escape.js';
import { outputFps } from './output-fps.js';
import { RENDER_PRESETS } from './platform-presets.js';
import { buildRenderGraph, type RenderGraphInput } from './render-graph.js';
import { overallProgress } from './render-progress.js';

describe('escapeFilterValue', () => {
  it.each([
    ['/tmp/a.ass', '/tmp/a.ass'],
    ['C:\\subs\\a.ass', 'C\\\\:\\\\\\\\subs\\\\\\\\a.ass'],
    ["it's", "it\\\\\\'s"],
    ['clip(t,0,1)', 'clip(t\\,0\\,1)'],
    ['[x];y', '\\[x\\]\\;y'],
  ])('%s → %s', (input, expected) => {
    expect(escapeFilterValue(input)).toBe(expected);
  });
});

describe('outputFps', () => {
  it.each([
    [25, 25, '25'],
    [29.97003, 29.97, '30000/1001'],
    [23.976, 23.976, '24000/1001'],
    [59.94, 59.94, '60000/1001'],
    [120, 60, '60'],
    [240, 30, '30'],
    [15, 30, '30'],
    [null, 30, '30'],
  ])('%s fps → %s', (input, value, expr) => {
    expect(outputFps(input)).toEqual({ value, expr });
  });
});

describe('chooseCoverTime', () => {
  const cue = (start: number, end: number) => ({ start, end, lines: [] });
  it.each([
    [30, [], 10],
    [30, [cue(1, 3), cue(8, 11), cue(20, 22)], 9.5],
    [3, [cue(2.5, 5)], 2.75],
  ])('%s s with %j → %s', (duration, cues, expected) => {
    expect(chooseCoverTime(duration, cues)).toBeCloseTo(expected);
  });
});

describe('overallProgress', () => {
  it.each([
    ['prepare', 0, 1, { fraction: 0, etaSec: null }],
    ['encode', 0.5, 10, { fraction: 0.52, etaSec: (10 * 0.48) / 0.52 }],
    ['finish', 1, 20, { fraction: 1, etaSec: 0 }],
  ] as const)('%s at %s', (stage, f, elapsed, expected) => {
    const p = overallProgress(stage, f, elapsed);
    expect(p.stage).toBe(stage);
    expect(p.fraction).toBeCloseTo(expected.fraction);
    if (expected.etaSec === null) expect(p.etaSec).toBeNull();
    else expect(p.etaSec).toBeCloseTo(expected.etaSec);
  });
});

describe('buildRenderGraph', () => {
  const plan = (kinds: Array<'track' | 'center' | 'fit'>): CropPlan => ({
    source: { width: 1920, height: 1080 },
    crop: { width: 606, height: 1080 },
    segments: kinds.map((kind, i) => ({
      start: i * 2,
      end: i * 2 + 2,
      kind,
      subjectId: null,
      x: [{ t: i * 2, v: 100 * i }],
      y: [{ t: i * 2, v: 0 }],
    })),
  });
  const input = (kinds: Array<'track' | 'center' | 'fit'>): RenderGraphInput => ({
    plan: plan(kinds),
    output: { width: 1080, height: 1920 },
    fps: { value: 30, expr: '30' },
    captions: { assPath: '/tmp/c.ass', fontsDir: '/fonts' },
    audioFilter: 'volume=3.00dB',
    hasAudio: true,
    pixFmt: 'yuv420p',
  });
  it('crops and burns captions in when every shot is framed by the crop', () => {
    const graph = buildRenderGraph(input(['track', 'center']));
    expect(graph).toContain('[0:v]fps=30[forcrop]');
    expect(graph).toMatch(/crop=w=606:h=1080:x=0\+100\*gte\(t\\,1\.98\):y=0,scale=1080:1920/);
    expect(graph).toContain('ass=filename=/tmp/c.ass:fontsdir=/fonts,format=yuv420p[vout]');
    expect(graph).toContain('[0:a]volume=3.00dB,aresample=48000');
    expect(graph).not.toContain('boxblur');
  });
  it('fits the whole frame over a blur when no shot has a subject', () => {
    const graph = buildRenderGraph({ ...input(['fit']), captions: null, hasAudio: false });
    expect(graph).toContain('boxblur');
    expect(graph).toContain('[fitfg]scale=1080:608');
    expect(graph).not.toContain('crop=w=');
    expect(graph).toContain('[framed]format=yuv420p[vout]');
    expect(graph).toMatch(/^\[1:a\]aresample=48000/m);
  });
  it('switches between the crop and the fit per shot', () => {
    const graph = buildRenderGraph(input(['track', 'fit']));
    expect(graph).toContain('[fitted][cropped]overlay=x=0:y=0:enable=between(t\\,0\\,2)[framed]');
  });
});

describe('checkRenderedOutput', () => {
  const good: OutputFacts = {
    probe: {
      format: { duration: '2.010' },
      streams: [
        {
          codec_type: 'video',
          codec_name: 'h264',
          profile: 'High',
          pix_fmt: 'yuv420p',
          width: 1080,
          height: 1920,
          r_frame_rate: '30/1',
          avg_frame_rate: '30/1',
        },
        { codec_type: 'audio', codec_name: 'aac', sample_rate: '48000' },
      ],
    },
    sizeBytes: 1_000_000,
    atoms: ['ftyp', 'moov', 'free', 'mdat'],
  };
  const expected = { preset: RENDER_PRESETS.tiktok, durationSec: 2, toleranceSec: 0.1 };
  const broken = (change: (f: OutputFacts) => void) => {
    const facts = structuredClone(good);
    change(facts);
    return facts;
  };
  it('accepts a file that matches', () => {
    expect(checkRenderedOutput(good, expected)).toEqual([]);
  });
  it.each([
    ['wrong size', (f: OutputFacts) => (f.probe.streams![0]!.width = 1078), /size 1078x1920/],
    ['main profile', (f: OutputFacts) => (f.probe.streams![0]!.profile = 'Main'), /profile Main/],
    ['hevc', (f: OutputFacts) => (f.probe.streams![0]!.codec_name = 'hevc'), /video codec hevc/],
    ['44.1 kHz', (f: OutputFacts) => (f.probe.streams![1]!.sample_rate = '44100'), /44100 Hz/],
    ['too long', (f: OutputFacts) => (f.probe.format!.duration = '2.2'), /duration 2.2 s/],
    ['moov at the end', (f: OutputFacts) => (f.atoms = ['ftyp', 'mdat', 'moov']), /moov atom/],
    ['too big', (f: OutputFacts) => (f.sizeBytes = 5e9), /byte limit/],
    ['no audio', (f: OutputFacts) => f.probe.streams!.pop(), /no audio/],
    [
      'variable frame rate',
      (f: OutputFacts) => (f.probe.streams![0]!.avg_frame_rate = '2700/100'),
      /variable frame rate/,
    ],
  ])('%s is a problem', (_name, change, message) => {
    const problems = checkRenderedOutput(broken(change), expected);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(message);
  });
});
