import { describe, expect, it } from 'vitest';
import type { PostDraft } from '@kirinuki/contracts';
import { adaptXPost, hashtagsOf, weightedLength } from './x-adapt.js';
import { X_LIMITS } from './x-endpoints.js';
import { clipOf } from './test-support/x-harness.js';

describe('weightedLength (twitter-text, as X counts)', () => {
  it.each([
    ['plain Latin', 'Hello, world!', 13],
    ['an emoji counts 2', 'Hello 👋', 8],
    ['a ZWJ family is one emoji', '👨‍👩‍👧‍👦', 2],
    ['a skin-tone emoji is one emoji', '🙋🏽', 2],
    ['Japanese counts 2 a character', '切り抜き動画', 12],
    ['a URL counts 23, however long', 'see https://example.com/a/very/long/path/that/goes/on?and=on', 27],
    ['a bare domain is a URL too', 'kirinuki.app', 23],
    ['a hashtag counts as its text', '#切り抜き', 9],
  ])('%s', (_name, text, length) => {
    expect(weightedLength(text)).toBe(length);
  });
});

describe('hashtagsOf', () => {
  it.each([
    [
      ['clips', '#podcast'],
      ['clips', 'podcast'],
    ],
    [
      ['machine learning', 'long-form'],
      ['machinelearning', 'longform'],
    ],
    [
      ['切り抜き', '＃ポッドキャスト'],
      ['切り抜き', 'ポッドキャスト'],
    ],
    [['Clips', 'clips', 'CLIPS'], ['Clips']],
    [['123', 'c++', '', '  '], []],
  ])('%j → %j', (keywords, tags) => {
    expect(hashtagsOf(keywords)).toEqual(tags);
  });
});

const adapt = (draft: PostDraft, clip = {}) => adaptXPost(clipOf(clip), draft, X_LIMITS);

describe('adaptXPost: the text', () => {
  it.each([
    [
      'the title, then the keywords as hashtags',
      {},
      {},
      'How we cut a 3-hour talk into clips\n\n#clips #podcast',
    ],
    [
      'a caption given is sent exactly as given, no hashtags added',
      { caption: '  Look 👀 ' },
      {},
      '  Look 👀 ',
    ],
    ['a title given (no caption) is the text as given', { title: 'Just this' }, {}, 'Just this'],
    ['an empty caption posts the video alone', { caption: '   ' }, {}, ''],
    [
      'the first reason when the clip has no title',
      {},
      { title: ' ', hashtags: [] },
      'Strong hook in the first 3 s',
    ],
    [
      'a hashtag already in the title is not added again',
      {},
      { title: 'Why #clips work', hashtags: ['clips', 'shorts'] },
      'Why #clips work\n\n#shorts',
    ],
    [
      'a Japanese title with Japanese keywords',
      {},
      { title: '3時間の講演を切り抜く方法', hashtags: ['切り抜き', 'ポッドキャスト'] },
      '3時間の講演を切り抜く方法\n\n#切り抜き #ポッドキャスト',
    ],
  ])('%s', (_name, draft, clip, text) => {
    expect(adapt(draft, clip)).toEqual({ platform: 'x', text, privacy: null, options: {} });
  });

  it('appends hashtags only while the post still fits 280', () => {
    const title = 'あ'.repeat(134); // 268
    const { text } = adapt({}, { title, hashtags: ['toolongforthis', 'ok', 'no'] });
    // "\n\n#ok" adds 5 (273); " #no" would add 4 (277) and fits too; the 15-long tag never does.
    expect(text).toBe(`${title}\n\n#ok #no`);
    expect(weightedLength(text)).toBeLessThanOrEqual(280);
  });

  it('shortens a default title that does not fit, at a grapheme, with an ellipsis', () => {
    const title = '😀'.repeat(200); // 400
    const { text } = adapt({}, { title, hashtags: [] });
    expect(text.endsWith('…')).toBe(true);
    expect(weightedLength(text)).toBeLessThanOrEqual(280);
    expect(weightedLength(text)).toBeGreaterThanOrEqual(278);
    expect(text.slice(0, -1)).toMatch(/^(😀)+$/u);
  });

  it.each([
    ['281 Latin characters', 'a'.repeat(281), 281],
    ['141 Japanese characters', 'あ'.repeat(141), 282],
    ['141 emoji', '🎬'.repeat(141), 282],
    ['12 URLs and words', Array.from({ length: 12 }, (_, i) => `https://example.com/${i}`).join(' '), 287],
  ])('refuses a caption of %s with what it counts', (_name, caption, counted) => {
    expect(() => adapt({ caption })).toThrow(
      expect.objectContaining({
        code: 'POST_DOES_NOT_FIT',
        message: expect.stringContaining(`counts ${counted} of X's 280`),
      }),
    );
  });

  it('refuses more than one cashtag, and characters X does not take', () => {
    expect(() => adapt({ caption: '$TSLA and $AAPL' })).toThrow(
      expect.objectContaining({ code: 'POST_DOES_NOT_FIT' }),
    );
    expect(adapt({ caption: 'Only $TSLA' }).text).toBe('Only $TSLA');
    expect(() => adapt({ caption: 'bad \uFFFE char' })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT' }),
    );
  });
});

describe('adaptXPost: the video and privacy', () => {
  it.each([
    ['too long', { durationSec: 141 }, 'POST_DOES_NOT_FIT', '141 s long'],
    ['too short', { durationSec: 0.4 }, 'POST_DOES_NOT_FIT', '0.4 s long'],
    ['too large', { sizeBytes: 513 * 1024 * 1024 }, 'POST_DOES_NOT_FIT', '513 MB'],
    ['empty', { sizeBytes: 0 }, 'INVALID_ARGUMENT', 'empty'],
    ['wider than 3:1', { width: 1920, height: 600 }, 'POST_DOES_NOT_FIT', '1920×600'],
    ['smaller than 32 px', { width: 30, height: 30 }, 'POST_DOES_NOT_FIT', '30×30'],
  ])('refuses a clip %s before any upload', (_name, clip, code, found) => {
    expect(() => adapt({}, clip)).toThrow(
      expect.objectContaining({ code, message: expect.stringContaining(found) }),
    );
  });

  it.each([
    [{ durationSec: 140, width: 1080, height: 1920, sizeBytes: 512 * 1024 * 1024 }],
    [{ durationSec: 0.5, width: 720, height: 720 }],
  ])('takes a clip at the limits %j', (clip) => {
    expect(() => adapt({}, clip)).not.toThrow();
  });

  it('uses the limits it is given when they are tighter', () => {
    expect(() => adaptXPost(clipOf({ durationSec: 100 }), {}, { ...X_LIMITS, maxDurationSec: 60 })).toThrow(
      expect.objectContaining({ code: 'POST_DOES_NOT_FIT' }),
    );
  });

  it.each(['private', 'unlisted', 'friends'] as const)(
    'refuses privacy "%s": every post on X is public',
    (privacy) => {
      expect(() => adapt({ privacy })).toThrow(
        expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('public') }),
      );
    },
  );

  it('takes "public" (and no choice) with no privacy value of its own', () => {
    expect(adapt({ privacy: 'public' }).privacy).toBeNull();
    expect(adapt({}).privacy).toBeNull();
  });
});
