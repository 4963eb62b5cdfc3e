import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ort from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveFfmpegBinaries } from '../ffmpeg/ffmpeg-binaries.js';
import { runFfmpeg } from '../ffmpeg/run-ffmpeg.js';
import { defaultModelsDir } from '../models/model-manifest.js';
import { loadLocalAsrEngine, type LocalAsrEngine } from './local-asr-engine.js';
import { prepareSpeechModels } from './prepare-models.js';
import { transcribeFile } from './transcribe-file.js';
import type { Transcript } from './transcript.js';
import { wordErrorRate } from '../test-support/asr/word-error-rate.js';
import { median, wordStartErrors, type TimedWord } from '../test-support/asr/word-timing-error.js';

const MEDIA = fileURLToPath(new URL('../../../../fixtures/media/', import.meta.url));
const media = (name: string) => path.join(MEDIA, name);
const temp = mkdtempSync(path.join(tmpdir(), 'kirinuki-asr-test-'));
const text = (t: Transcript) => t.segments.map((s) => s.text).join(' ');
let engine: LocalAsrEngine;

beforeAll(async () => {
  // Prepares the model from the installed npm package on a clean checkout (no network).
  await prepareSpeechModels();
  engine = await loadLocalAsrEngine({ threads: 2 });
}, 120_000);
afterAll(async () => {
  await engine?.release();
  rmSync(temp, { recursive: true, force: true });
});

/** Segments ordered and apart; every word inside its segment, ordered, start ≤ end. */
function expectTimingInvariants(t: Transcript): void {
  let previousEnd = 0;
  for (const s of t.segments) {
    expect(s.start).toBeGreaterThanOrEqual(previousEnd - 1e-6);
    expect(s.end).toBeGreaterThanOrEqual(s.start);
    expect(s.end).toBeLessThanOrEqual(t.durationSec + 0.05);
    expect(s.words.length).toBeGreaterThan(0);
    let wordEnd = s.start;
    for (const w of s.words) {
      expect(w.start).toBeGreaterThanOrEqual(wordEnd - 1e-6);
      expect(w.end).toBeGreaterThanOrEqual(w.start);
      expect(w.end).toBeLessThanOrEqual(s.end + 1e-6);
      expect(w.probability).toBeGreaterThan(0);
      expect(w.probability).toBeLessThanOrEqual(1);
      wordEnd = w.end;
    }
    previousEnd = s.end;
  }
}

async function lavfi(name: string, source: string): Promise<string> {
  const out = path.join(temp, name);
  await runFfmpeg({
    bin: resolveFfmpegBinaries().ffmpeg.path,
    args: ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', source, '-t', 8, out],
  });
  return out;
}

describe('prepared Whisper model', () => {
  it('is idempotent and exposes token sequences, vocab_mask and decoder_input_ids', async () => {
    const again = await prepareSpeechModels();
    expect(again.map((f) => f.action)).toEqual(['kept', 'kept', 'kept']);
    const session = await ort.InferenceSession.create(
      path.join(defaultModelsDir(), 'whisper-tiny.en-int8.onnx'),
    );
    expect(session.inputNames).toEqual(
      expect.arrayContaining(['audio_pcm', 'vocab_mask', 'decoder_input_ids']),
    );
    expect(session.outputNames).toEqual(['sequences', 'sequences_scores']);
    await session.release();
  });
});

describe('transcribeFile (local Whisper tiny.en + Silero VAD)', () => {
  it('transcribes words joined by known gaps, timing word starts within 0.15 s (median)', async () => {
    const truth = JSON.parse(readFileSync(media('asr-timed-words.json'), 'utf8')) as TimedWord[];
    const t = await transcribeFile(media('asr-timed-words.wav'), { engine });
    const reference = truth.map((w) => w.word).join(' ');
    expect(wordErrorRate(reference, text(t)).wer).toBeLessThanOrEqual(0.2);
    expectTimingInvariants(t);
    const errors = wordStartErrors(
      truth,
      t.segments.flatMap((s) => s.words),
    );
    expect(errors.length).toBeGreaterThanOrEqual(truth.length * 0.8);
    expect(median(errors)).toBeLessThanOrEqual(0.15);
  });

  it('skips the silence around padded speech (VAD) and reports progress', async () => {
    const stages = new Set<string>();
    let last = 0;
    const t = await transcribeFile(media('asr-padded-speech.flac'), {
      engine,
      onProgress: (p) => {
        stages.add(p.stage);
        expect(p.fraction).toBeGreaterThanOrEqual(last);
        last = p.fraction;
      },
    });
    expect(
      wordErrorRate('My brother likes to read books about history and science in the evening.', text(t)).wer,
    ).toBeLessThanOrEqual(0.2);
    expectTimingInvariants(t);
    expect(t.segments[0]!.words[0]!.start).toBeGreaterThan(3.6);
    expect(t.segments.at(-1)!.words.at(-1)!.end).toBeLessThan(t.durationSec - 2);
    expect(last).toBe(1);
    expect([...stages]).toEqual(
      expect.arrayContaining(['decoding audio and detecting speech', 'transcribing']),
    );
  });

  it('transcribes a 45 s compressed file across more than one window', async () => {
    const reference = [
      'The river flows slowly past the quiet village at the foot of the mountains.',
      'Every morning the baker opens his shop and the smell of fresh bread fills the street.',
      'Children walk to school along the narrow road while their parents start the day.',
      'In the afternoon the market is busy with farmers selling fruit and vegetables.',
      'When the sun goes down the lights of the houses shine across the dark water.',
      'Old friends meet at the corner cafe to talk about the news and the weather.',
      'Later the wind picks up and clouds roll in from the west before the rain.',
      'By midnight the village is asleep and only the sound of the river remains.',
    ].join(' ');
    const t = await transcribeFile(media('asr-long-45s.m4a'), { engine });
    expect(t.durationSec).toBeGreaterThan(45);
    expect(wordErrorRate(reference, text(t)).wer).toBeLessThanOrEqual(0.2);
    expectTimingInvariants(t);
    expect(t.segments.at(-1)!.end).toBeGreaterThan(40);
  });

  it.each([
    ['pure silence', 'silence.wav', 'anullsrc=r=16000:cl=mono'],
    ['white noise', 'noise.wav', 'anoisesrc=r=16000:a=0.1:c=white:seed=7'],
  ])('%s gives no text', async (_name, file, source) => {
    const t = await transcribeFile(await lavfi(file, source), { engine });
    expect(t.segments).toEqual([]);
    expect(t.durationSec).toBeCloseTo(8, 1);
  });

  it('refuses a file without audio, a missing file and a language the model lacks', async () => {
    const video = await lavfi('video-only.mp4', 'testsrc=size=64x64:rate=5');
    await expect(transcribeFile(video, { engine })).rejects.toMatchObject({ code: 'NO_AUDIO_STREAM' });
    await expect(transcribeFile(path.join(temp, 'nope.wav'), { engine })).rejects.toMatchObject({
      code: 'FILE_NOT_FOUND',
    });
    await expect(
      transcribeFile(media('asr-padded-speech.flac'), { engine, language: 'ja' }),
    ).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
    });
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    const run = transcribeFile(media('asr-long-45s.m4a'), {
      engine,
      signal: controller.signal,
      onProgress: (p) => p.stage === 'transcribing' && controller.abort(),
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
  });
});
