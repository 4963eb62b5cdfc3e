import type { PostDraft } from '@kirinuki/contracts';
import { describe, expect, it } from 'vitest';
import type { ClipForPost, PlatformLimits } from '../platform-client.js';
import { adaptInstagramPost, captionLength, hashtagOf, hashtagsIn, mentionsIn } from './instagram-adapt.js';

const clip = (over: Partial<ClipForPost> = {}): ClipForPost => ({
  id: 'c1',
  title: 'Why the cache was slow',
  text: 'transcript',
  hashtags: ['performance', 'Machine learning'],
  reasons: ['Strong hook in the first second', 'Ends on a punchline'],
  durationSec: 42,
  width: 1080,
  height: 1920,
  sizeBytes: 30 * 2 ** 20,
  ...over,
});

const adapt = (c: Partial<ClipForPost> = {}, draft: PostDraft = {}, limits: PlatformLimits | null = null) =>
  adaptInstagramPost(clip(c), draft, limits);

const fitError = (message: RegExp) =>
  expect.objectContaining({ code: 'POST_DOES_NOT_FIT', message: expect.stringMatching(message) });

describe('counting the way Instagram does', () => {
  it.each([
    ['plain', 'hello', 5],
    ['emoji of one code point', '🎬🔥', 2],
    ['emoji with a skin tone (two code points)', '👍🏽', 2],
    ['Japanese', '切り抜き動画', 6],
  ])('%s: %s is %i characters', (_what, text, length) => expect(captionLength(text)).toBe(length));

  it.each([
    ['words', 'a #cat and #dog_2', ['cat', 'dog_2']],
    ['Japanese and full-width ＃', '#切り抜き ＃配信', ['切り抜き', '配信']],
    ['a URL fragment is not one', 'see https://example.com/page#section and https://x.com/#/a', []],
    ['an HTML entity is not one', 'it&#39;s', []],
    ['glued to a word is not one', 'C#sharp', []],
    ['emoji next to it', '🔥#fire', ['fire']],
  ])('hashtags of %s', (_what, text, tags) => expect(hashtagsIn(text)).toEqual(tags));

  it.each([
    ['a tag', 'thanks @kirinuki.app!', ['kirinuki.app']],
    ['an e-mail is not one', 'mail me@example.com', []],
  ])('@ tags of %s', (_what, text, mentions) => expect(mentionsIn(text)).toEqual(mentions));

  it.each([
    ['Machine learning', 'Machinelearning'],
    ['#AI', 'AI'],
    ['切り抜き', '切り抜き'],
    ['c++ / rust!', 'crust'],
    ['!!!', null],
  ])('keyword %s as a hashtag is %s', (keyword, tag) => expect(hashtagOf(keyword)).toBe(tag));
});

describe('adaptInstagramPost', () => {
  it('makes the caption from the clip: title, reasons, then its keywords as hashtags; no privacy', () => {
    expect(adapt()).toEqual({
      platform: 'instagram',
      text: 'Why the cache was slow\n\nStrong hook in the first second\nEnds on a punchline\n\n#performance #Machinelearning',
      privacy: null,
      options: { share_to_feed: true },
    });
  });

  it.each<[string, PostDraft, string]>([
    [
      'a caption replaces the default',
      { caption: 'My words 🎬' },
      'My words 🎬\n\n#performance #Machinelearning',
    ],
    [
      'a title given is the first line, exactly as given',
      { title: '  Spaces kept 切り抜き ', caption: 'Body' },
      '  Spaces kept 切り抜き \n\nBody\n\n#performance #Machinelearning',
    ],
    [
      'a title already in the caption is not repeated',
      { title: 'Hook', caption: 'Hook: more' },
      'Hook: more\n\n#performance #Machinelearning',
    ],
    [
      'a title alone keeps the clip’s reasons',
      { title: 'Mine' },
      'Mine\n\nStrong hook in the first second\nEnds on a punchline\n\n#performance #Machinelearning',
    ],
    [
      'hashtags already there are not added twice',
      { caption: 'So #Performance' },
      'So #Performance\n\n#Machinelearning',
    ],
    ['an empty caption is still sent with the hashtags', { caption: '' }, '#performance #Machinelearning'],
  ])('%s', (_what, draft, text) => expect(adapt({}, draft).text).toBe(text));

  it('keeps URLs and emoji intact and does not count a URL fragment as a hashtag', () => {
    const caption = 'Full talk: https://example.com/watch?v=1#t=30 🎉';
    expect(adapt({ hashtags: ['a'] }, { caption }).text).toBe(`${caption}\n\n#a`);
  });

  it('accepts exactly 2,200 characters of emoji and refuses 2,201, naming the numbers', () => {
    const full = '🎬'.repeat(2200);
    expect(adapt({ hashtags: ['x'] }, { caption: full }).text).toBe(full); // no room for a hashtag
    expect(() => adapt({}, { caption: `${full}!` })).toThrow(fitError(/2,201 characters.*2,200/));
  });

  it('takes 30 hashtags (adding none), refuses 31, and refuses more than 20 @ tags', () => {
    const thirty = Array.from({ length: 30 }, (_, i) => `#t${i}`).join(' ');
    expect(adapt({}, { caption: thirty }).text).toBe(thirty);
    expect(() => adapt({}, { caption: `${thirty} #切り抜き` })).toThrow(fitError(/31 hashtags/));
    const tags = Array.from({ length: 21 }, (_, i) => `@user${i}`).join(' ');
    expect(() => adapt({}, { caption: tags })).toThrow(fitError(/21 accounts/));
    expect(adapt({ hashtags: [] }, { caption: 'write to me@example.com' }).text).toBe(
      'write to me@example.com',
    );
  });

  it('adds only as many keyword hashtags as fit in 30 hashtags and 2,200 characters', () => {
    const keywords = Array.from({ length: 40 }, (_, i) => `k${i}`);
    expect(hashtagsIn(adapt({ hashtags: keywords }, { caption: '#one #two' }).text)).toHaveLength(30);
    const long = 'x'.repeat(2190);
    expect(adapt({ hashtags: ['abc', 'defghijk'] }, { caption: long }).text).toBe(`${long}\n\n#abc`);
  });

  it('cuts a default of its own that is too long, never the user’s text', () => {
    const text = adapt({ title: 'word '.repeat(600), reasons: ['r'], hashtags: [] }).text;
    expect(captionLength(text)).toBeLessThanOrEqual(2200);
    expect(text.endsWith('…')).toBe(true);
    expect(() => adapt({}, { title: 'w'.repeat(2300) })).toThrow(fitError(/title is 2,300 characters/));
  });

  it.each<[string, Partial<ClipForPost>, RegExp]>([
    ['too short', { durationSec: 2 }, /2\.0 s long; Reels take 3 s to 15 min/],
    ['too long', { durationSec: 901 }, /901\.0 s long/],
    ['too big', { sizeBytes: 1025 * 2 ** 20 }, /1,025 MB; Reels take at most 1,024 MB/],
    ['too wide a picture', { width: 2160, height: 3840 }, /2160 px wide.*1920 columns/],
    ['too flat an aspect', { width: 1920, height: 100 }, /1920×100; Reels take aspect ratios/],
  ])('refuses a clip %s before any upload', (_what, over, message) => {
    expect(() => adapt(over)).toThrow(fitError(message));
  });

  it('names every problem of the clip at once, and reads the limits the platform gave', () => {
    expect(() => adapt({ durationSec: 1, sizeBytes: 2 ** 31 })).toThrow(fitError(/1\.0 s long.*2,048 MB/));
    const limits: PlatformLimits = { privacy: null, maxDurationSec: 90, maxSizeBytes: 2 ** 30 };
    expect(() => adapt({ durationSec: 120 }, {}, limits)).toThrow(fitError(/Reels take 3 s to 1\.5 min/));
  });

  it.each(['private', 'unlisted', 'friends'] as const)(
    'refuses privacy “%s”: Instagram has none per post',
    (privacy) => {
      expect(() => adapt({}, { privacy })).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    },
  );

  it('accepts privacy “public” (what every reel is) and sends no privacy value', () => {
    expect(adapt({}, { privacy: 'public' }).privacy).toBeNull();
  });
});
