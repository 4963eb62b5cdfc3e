import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UserFacingError } from '@kirinuki/contracts';
import { clipDurationRange, PLATFORM_PRESETS, type PlatformName } from '@kirinuki/contracts';
import { benchTalks } from '../test-support/segment/bench-talks.js';
import { checkProposals } from '../test-support/segment/check-proposals.js';
import type { InputFaces, InputShots, InputTranscript, LoudnessSecond } from './clip-inputs.js';
import { proposeClips } from './propose-clips.js';
import { synthesizeTranscript } from '../test-support/segment/synthetic-transcript.js';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8')) as InputTranscript;

const english = benchTalks(3).map((talk) => ({
  name: talk.name,
  transcript: synthesizeTranscript(talk.passages.map((p) => p.text)),
}));
const japanese = ['ja-cooking-travel', 'ja-tech-sleep'].map((name) => ({ name, transcript: fixture(name) }));

const runs: Array<[string, PlatformName, number | undefined, number | undefined, InputTranscript]> = [];
for (const { name, transcript } of english) {
  runs.push([name, 'tiktok', undefined, undefined, transcript]);
  runs.push([name, 'x', undefined, undefined, transcript]);
  runs.push([name, 'shorts', 10, 25, transcript]);
}
for (const { name, transcript } of japanese) {
  runs.push([name, 'reels', 8, 30, transcript]);
  runs.push([name, 'square', 5, 20, transcript]);
}

describe('proposeClips on every fixture', () => {
  it.each(runs)('%s for %s (%s–%s s)', (_name, platform, minSec, maxSec, transcript) => {
    const clips = proposeClips({ transcript, platform, count: 5, minSec, maxSec });
    expect(clips.length).toBeGreaterThan(0);
    const range = clipDurationRange(PLATFORM_PRESETS[platform], { minSec, maxSec });
    expect(checkProposals(transcript, clips, range)).toEqual([]);
    for (const clip of clips) {
      expect(clip.title.length).toBeGreaterThan(0);
      expect(clip.text.length).toBeGreaterThan(0);
    }
  });

  it('Japanese clips keep text without spaces and find Japanese hooks', () => {
    const clips = proposeClips({
      transcript: japanese[0]!.transcript,
      platform: 'tiktok',
      count: 3,
      minSec: 8,
      maxSec: 30,
    });
    expect(clips.every((c) => !/ /.test(c.text))).toBe(true);
    expect(clips.flatMap((c) => c.reasons).some((r) => /question|claim|viewer|number/.test(r))).toBe(true);
    expect(clips.every((c) => c.hashtags.every((h) => h.startsWith('#')))).toBe(true);
  });
});

describe('proposeClips inputs', () => {
  const transcript = english[0]!.transcript;

  it('snaps an edge to a shot cut within 0.5 s without cutting a word', () => {
    const plain = proposeClips({ transcript, platform: 'tiktok', count: 1 })[0]!;
    const cutTime = plain.start - 0.3;
    const shots: InputShots = {
      fps: 30,
      frameCount: 0,
      cuts: [{ frame: Math.round(cutTime * 30), time: cutTime, kind: 'hard', confidence: 1 }],
      shots: [],
    };
    const snapped = proposeClips({ transcript, platform: 'tiktok', count: 1, shots })[0]!;
    // The same clip wins; its start moves onto the cut only when the silence before it allows.
    const words = transcript.segments.flatMap((s) => s.words);
    const previous = words.filter((w) => w.end <= plain.start + 0.2).pop();
    if (previous && previous.end <= cutTime) expect(snapped.start).toBeCloseTo(cutTime, 3);
    else expect(snapped.start).not.toBeCloseTo(cutTime, 3);
  });

  it('puts a loudness peak in the reasons with its clip time', () => {
    const loudness: LoudnessSecond[] = [];
    for (let t = 0; t < transcript.durationSec; t += 1) loudness.push({ t, lufs: -24 });
    const target = proposeClips({ transcript, platform: 'tiktok', count: 3 })[2]!;
    const peak = Math.floor(target.start) + 12;
    loudness[peak] = { t: peak, lufs: -10 };
    const clips = proposeClips({ transcript, platform: 'tiktok', count: 3, loudness });
    const withPeak = clips.find((c) => c.start <= peak && c.end >= peak + 1)!;
    expect(withPeak.features.energy).toBeGreaterThan(0.5);
    expect(withPeak.reasons.join(' ')).toMatch(/Loudest moment at 0:1[1-2]/);
  });

  it('weighs a striking keyframe from cloud vision into the picture score, and says what it showed', () => {
    const target = proposeClips({ transcript, platform: 'tiktok', count: 3 })[2]!;
    const at = target.start + 5;
    const cloudFrames = [
      { time: at, highlightScore: 92, description: 'A chef flips a flaming pan.' },
      { time: target.start + 8, highlightScore: 20, description: 'A plain wall.' },
    ];
    const clips = proposeClips({ transcript, platform: 'tiktok', count: 3, cloudFrames });
    const withFrame = clips.find((c) => c.start <= at && c.end > at)!;
    expect(withFrame.features.visual).toBeCloseTo(0.92, 2); // no other picture input here
    expect(withFrame.reasons.join(' ')).toMatch(/Striking picture at 0:0[45]: A chef flips a flaming pan/);
    // A dull frame gives no reason.
    const dull = proposeClips({
      transcript,
      platform: 'tiktok',
      count: 3,
      cloudFrames: [{ time: at, highlightScore: 30, description: 'A plain wall.' }],
    });
    expect(dull.flatMap((c) => c.reasons).join(' ')).not.toMatch(/Striking picture/);
  });

  it('reads faces from per-second visual features (vision writes `second`) or from face tracks', () => {
    const seconds = Math.ceil(transcript.durationSec);
    const visual = Array.from({ length: seconds }, (_, second) => ({
      second,
      visualChange: 2,
      facePresence: 1,
      faceSize: 0.1,
      brightness: 0.5,
    }));
    const withVisual = proposeClips({ transcript, platform: 'tiktok', count: 2, visual })[0]!;
    expect(withVisual.features.visual).toBeGreaterThan(0.8);
    expect(withVisual.features.measures.facePresence).toBeCloseTo(1, 5);

    const faces: InputFaces = {
      sampleFps: 1,
      tracks: [
        {
          id: 1,
          start: 0,
          end: seconds,
          coverage: 1,
          boxes: Array.from({ length: seconds }, (_, t) => ({
            t,
            x: 0.4,
            y: 0.3,
            w: 0.2,
            h: 0.3,
            score: 0.9,
          })),
        },
      ],
    };
    const withFaces = proposeClips({ transcript, platform: 'tiktok', count: 2, faces });
    expect(withFaces[0]!.features.measures.facePresence).toBeCloseTo(1, 5);
    expect(withFaces[0]!.features.visual).toBeGreaterThan(0.6);
    expect(proposeClips({ transcript, platform: 'tiktok', count: 2 })[0]!.features.visual).toBeNull();
  });

  it('spreads clips and never lets one overlap another by more than half', () => {
    const long = synthesizeTranscript(benchTalks(10).flatMap((t) => t.passages.map((p) => p.text)));
    const clips = proposeClips({ transcript: long, platform: 'shorts', count: 10 });
    expect(clips).toHaveLength(10);
    const starts = clips.map((c) => c.start).sort((a, b) => a - b);
    expect(starts[starts.length - 1]! - starts[0]!).toBeGreaterThan(long.durationSec / 2);
  });

  it('refuses bad arguments with user errors and returns nothing for silence', () => {
    expect(() => proposeClips({ transcript, platform: 'vine', count: 3 })).toThrow(UserFacingError);
    expect(() => proposeClips({ transcript, platform: 'x', count: 0 })).toThrow(UserFacingError);
    expect(() => proposeClips({ transcript, platform: 'x', count: 3, maxSec: 500 })).toThrow(UserFacingError);
    expect(proposeClips({ transcript: { ...transcript, segments: [] }, platform: 'x', count: 3 })).toEqual(
      [],
    );
  });

  it('stops when aborted', () => {
    const controller = new AbortController();
    controller.abort();
    expect(() => proposeClips({ transcript, platform: 'x', count: 3, signal: controller.signal })).toThrow(
      expect.objectContaining({ name: 'AbortError' }),
    );
  });
});
