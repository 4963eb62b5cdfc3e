import { decodeTime, isValid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { deterministicUlid, stableJson, stageOutputKey } from './stage-keys.js';

describe('stableJson', () => {
  it.each([
    [{ b: 1, a: [2, { d: 1, c: null }] }, '{"a":[2,{"c":null,"d":1}],"b":1}'],
    [{ a: undefined, b: 'x' }, '{"b":"x"}'],
    ['s', '"s"'],
    [null, 'null'],
  ])('%j', (value, expected) => expect(stableJson(value)).toBe(expected));
});

describe('stageOutputKey', () => {
  const base = stageOutputKey('transcribe', 'abc', { model: 'tiny', lang: 'en' });
  it.each([
    [
      'same settings in another key order',
      stageOutputKey('transcribe', 'abc', { lang: 'en', model: 'tiny' }),
      true,
    ],
    ['other settings', stageOutputKey('transcribe', 'abc', { model: 'base', lang: 'en' }), false],
    ['other content', stageOutputKey('transcribe', 'abd', { model: 'tiny', lang: 'en' }), false],
    ['other stage', stageOutputKey('vision', 'abc', { model: 'tiny', lang: 'en' }), false],
  ])('%s', (_name, key, same) => expect(key === base).toBe(same));
});

describe('deterministicUlid', () => {
  it('is a valid ULID, stable for the same inputs, with the given time', () => {
    const a = deterministicUlid(1_764_000_000_000, 'job-1', 'TranscriptReady');
    expect(isValid(a)).toBe(true);
    expect(decodeTime(a)).toBe(1_764_000_000_000);
    expect(deterministicUlid(1_764_000_000_000, 'job-1', 'TranscriptReady')).toBe(a);
    expect(deterministicUlid(1_764_000_000_000, 'job-2', 'TranscriptReady')).not.toBe(a);
  });
});
