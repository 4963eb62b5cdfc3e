import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Transcript } from '@kirinuki/pipeline/asr/transcript';
import { bundledModelsDir } from '@kirinuki/pipeline/test-support/bundled-models-dir';
import { runCli, tempLibrary } from '../test-support/run-cli.js';

const library = tempLibrary();
// whisper-base must be "not downloaded" here even where a developer has downloaded it.
const bundledModels = { KIRINUKI_MODELS_DIR: bundledModelsDir() };
afterAll(() => {
  rmSync(path.dirname(library), { recursive: true, force: true });
  rmSync(bundledModels.KIRINUKI_MODELS_DIR, { recursive: true, force: true });
});
const speech = fileURLToPath(
  new URL('../../../../../fixtures/media/asr-padded-speech.flac', import.meta.url),
);

describe('kirinuki transcribe / models', () => {
  it('transcribe --json prints the transcript with timed words', async () => {
    const run = await runCli(['transcribe', speech, '--json', '--library', library], { timeoutMs: 120_000 });
    expect(run.code, run.stderr).toBe(0);
    const t = run.json<Transcript>();
    expect(Object.keys(t).sort()).toEqual(['backend', 'durationSec', 'language', 'model', 'segments']);
    expect(t).toMatchObject({ language: 'en', model: 'whisper-tiny.en-int8', backend: 'local' });
    expect(t.segments.map((s) => s.text).join(' ')).toMatch(/history and science/i);
    expect(Object.keys(t.segments[0]!.words[0]!).sort()).toEqual(['end', 'probability', 'start', 'word']);
    // Progress goes to stderr with an estimate of the time left, once there is a pace to go by.
    expect(run.stderr).toMatch(/^transcribing +\d+% +ETA \d+:\d\d$/m);
  }, 120_000);

  it.each([['srt', /^1\n00:00:0\d,\d{3} --> 00:00:\d\d,\d{3}\n/]])(
    'transcribe --format %s',
    async (format, pattern) => {
      const run = await runCli(['transcribe', speech, '--format', format, '--library', library], {
        timeoutMs: 120_000,
      });
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(pattern);
    },
    120_000,
  );

  it.each([
    [['transcribe', 'missing.wav'], 'FILE_NOT_FOUND'],
    [['transcribe', path.dirname(speech)], 'NOT_A_FILE'],
    [['transcribe', speech, '--language', 'ja'], 'INVALID_ARGUMENT'],
    [['transcribe', speech, '--language', 'auto'], 'INVALID_ARGUMENT'], // tiny.en cannot identify languages
    [['transcribe', speech, '--format', 'doc'], 'INVALID_ARGUMENT'],
    [['transcribe', speech, '--model', 'whisper-large'], 'MODEL_MISSING'],
    [['transcribe', speech, '--model', 'whisper-base', '--language', 'ja'], 'MODEL_MISSING'], // not downloaded
    [['transcribe', speech, '--model', 'whisper-base', '--language', 'xx'], 'INVALID_ARGUMENT'],
    [['transcribe', speech, '--backend', 'openai'], 'ASR_BACKEND_UNAVAILABLE'],
    [['transcribe', speech, '--backend', 'openai', '--model', 'whisper-tiny.en-int8'], 'INVALID_ARGUMENT'],
  ])('%j fails with %s', async (args, code) => {
    const run = await runCli([...args, '--json', '--library', library], {
      env: { OPENAI_API_KEY: '', ...bundledModels },
    });
    expect(run.code).toBe(2);
    expect(run.json<{ error: { code: string } }>().error.code).toBe(code);
  });

  it('takes the model and language from the settings; a model id is checked when set', async () => {
    const own = tempLibrary();
    try {
      expect((await runCli(['settings', 'set', 'asrLanguage', 'ja', '--library', own])).code).toBe(0);
      const refused = await runCli(['transcribe', speech, '--json', '--library', own]);
      expect(refused.code).toBe(2);
      expect(refused.json<{ error: { message: string } }>().error.message).toMatch(
        /whisper-tiny\.en-int8 .*"ja"/,
      );
      expect((await runCli(['settings', 'set', 'asrModel', 'whisper-base', '--library', own])).code).toBe(0);
      const missing = await runCli(['transcribe', speech, '--json', '--library', own], {
        env: bundledModels,
      });
      expect(missing.json<{ error: { code: string; hint: string } }>().error).toMatchObject({
        code: 'MODEL_MISSING',
        hint: expect.stringContaining('kirinuki models download whisper-base'),
      });
      const bad = await runCli(['settings', 'set', 'asrModel', 'whisper-huge', '--json', '--library', own]);
      expect(bad.code).toBe(2);
      expect(bad.stdout).toMatch(/whisper-huge/);
    } finally {
      rmSync(path.dirname(own), { recursive: true, force: true });
    }
  });

  it('models prepare, list and verify', async () => {
    const prepared = await runCli(['models', 'prepare', '--json', '--library', library], {
      timeoutMs: 120_000,
    });
    expect(prepared.code, prepared.stderr).toBe(0);
    const list = await runCli(['models', 'list', '--json', '--library', library]);
    expect(list.json<{ models: Array<{ id: string; ready: boolean }> }>().models).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: 'whisper-tiny.en-int8', ready: true, transcription: true }),
        expect.objectContaining({ id: 'whisper-base', transcription: true }),
        expect.objectContaining({ id: 'silero-vad-v5', ready: true, transcription: false }),
      ]),
    );
    const verify = await runCli(['models', 'verify', '--json', '--library', library]);
    expect(verify.json<{ ok: boolean }>().ok).toBe(true);
  }, 120_000);
});

describe('kirinuki transcribe stores its result', () => {
  it('a library video: the second run is a cache hit with no second TranscriptReady; --fresh recomputes', async () => {
    const { fileURLToPath } = await import('node:url');
    const { makeSpeechVideo } = await import('@kirinuki/pipeline/test-support/media-corpus');
    const wav = fileURLToPath(new URL('../../../../../fixtures/media/speech-en-16k.wav', import.meta.url));
    const video = path.join(path.dirname(library), 'speech.mp4');
    await makeSpeechVideo(video, wav, { duration: 4 });
    const imported = await runCli(['import', video, '--json', '--library', library]);
    const id = imported.json<{ video: { id: string } }>().video.id;
    const first = await runCli(['transcribe', id, '--json', '--library', library], { timeoutMs: 120_000 });
    expect(first.code, first.stderr).toBe(0);
    expect(
      first
        .json<{ segments: Array<{ text: string }> }>()
        .segments.map((s) => s.text)
        .join(' '),
      // espeak's "…long videos into short clips", cut at 4 s and AAC-coded: tiny.en hears
      // "Short Clips" or "Short Clibs" as the log-mel's last bits fall.
    ).toMatch(/long vid.*short cli/i);
    const second = await runCli(['transcribe', id, '--json', '--library', library], { timeoutMs: 120_000 });
    expect(second.json()).toEqual(first.json());
    const events = async () =>
      (await runCli(['events', '--video', id, '--json', '--library', library]))
        .json<{ events: Array<{ type: string }> }>()
        .events.filter((e) => e.type === 'TranscriptReady');
    expect(await events()).toHaveLength(1);
    const fresh = await runCli(['transcribe', id, '--fresh', '--json', '--library', library], {
      timeoutMs: 120_000,
    });
    expect(fresh.code).toBe(0);
    expect(await events()).toHaveLength(1);
  });
});
