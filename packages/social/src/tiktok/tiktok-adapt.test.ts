import { describe, expect, it } from 'vitest';
import type { PostDraft } from '@kirinuki/contracts';
import type { ClipForPost, PlatformLimits } from '../platform-client.js';
import {
  adaptTikTokPost,
  hashtagsOf,
  privacyChoicesOf,
  tiktokCaption,
  tiktokLength,
} from './tiktok-adapt.js';

const clip: ClipForPost = {
  id: 'c1',
  title: 'How I quit coffee',
  text: 'So the first week was the hardest…',
  hashtags: ['#coffee', '#habits'],
  reasons: ['A question hooks the viewer'],
  durationSec: 42,
  width: 1080,
  height: 1920,
  sizeBytes: 30 * 2 ** 20,
};

const limits = (levels: string[], extra: Partial<PlatformLimits> = {}): PlatformLimits => ({
  privacy: privacyChoicesOf(levels),
  maxDurationSec: 600,
  maxSizeBytes: 4 * 2 ** 30,
  commentsDisabled: false,
  duetDisabled: false,
  stitchDisabled: false,
  creatorName: 'Tester',
  ...extra,
});
const ALL = limits(['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'FOLLOWER_OF_CREATOR', 'SELF_ONLY']);
const PRIVATE_ONLY = limits(['SELF_ONLY']);

describe('tiktokLength counts UTF-16 units, as TikTok does', () => {
  it.each([
    ['ascii', 'hello', 5],
    ['Japanese (one unit each)', 'こんにちは世界', 7],
    ['an emoji outside the BMP counts 2', '😀', 2],
    ['a family emoji (ZWJ sequence) counts 8', '👨‍👩‍👧', 8],
    ['a URL counts as written (no link shortening)', 'https://example.com/a?b=c', 25],
  ])('%s', (_label, text, length) => expect(tiktokLength(text)).toBe(length));
});

describe('hashtagsOf', () => {
  it('gives each keyword one #, no spaces, no duplicates', () => {
    expect(
      hashtagsOf(['#coffee', 'coffee', ' #AI ', 'machine learning', '##deep', '', '#', '#コーヒー']),
    ).toEqual(['#coffee', '#AI', '#machinelearning', '#deep', '#コーヒー']);
  });
});

describe('tiktokCaption', () => {
  const at = (n: number, unit: string) => unit.repeat(n);
  it.each<[string, Partial<ClipForPost>, PostDraft, string]>([
    ['default: the title and the keywords as hashtags', {}, {}, 'How I quit coffee #coffee #habits'],
    [
      'a tag already in the title is not repeated',
      { title: 'Why #Coffee wins' },
      {},
      'Why #Coffee wins #habits',
    ],
    [
      'Japanese title and tags',
      { title: 'コーヒーをやめた話', hashtags: ['#コーヒー', '#習慣'] },
      {},
      'コーヒーをやめた話 #コーヒー #習慣',
    ],
    [
      'the user caption, exactly as given (no tags added)',
      {},
      { caption: 'My caption 😀 https://x.example/a' },
      'My caption 😀 https://x.example/a',
    ],
    ['the user title when there is no caption', {}, { title: '  Spaced title  ' }, '  Spaced title  '],
    ['a blank caption falls back to the title given', {}, { caption: '   ', title: 'T' }, 'T'],
    ['2,200 units fit exactly', {}, { caption: at(1100, '😀') }, at(1100, '😀')],
  ])('%s', (_label, overrides, draft, caption) => {
    expect(tiktokCaption({ ...clip, ...overrides }, draft)).toBe(caption);
  });

  it.each([
    ['2,201 ASCII characters', 'a'.repeat(2201), 'by 1 '],
    ['1,101 emoji (2,202 units)', '😀'.repeat(1101), 'by 2 '],
  ])('refuses a user caption over 2,200 units: %s', (_label, caption, shorten) => {
    expect(() => tiktokCaption(clip, { caption })).toThrow(
      expect.objectContaining({ code: 'POST_DOES_NOT_FIT', hint: expect.stringContaining(shorten) }),
    );
  });

  it('shortens a default that is too long, at a grapheme, and drops the tags that do not fit', () => {
    const caption = tiktokCaption({ ...clip, title: '👨‍👩‍👧'.repeat(400) }, {});
    expect(tiktokLength(caption)).toBeLessThanOrEqual(2200);
    expect(caption.endsWith('…')).toBe(true);
    expect(caption.replace('…', '').replaceAll('👨‍👩‍👧', '')).toBe('');
  });
});

describe('adaptTikTokPost', () => {
  it.each([
    ['private', 'SELF_ONLY'],
    ['friends', 'MUTUAL_FOLLOW_FRIENDS'],
    ['public', 'PUBLIC_TO_EVERYONE'],
  ] as const)('maps %s to %s', (privacy, level) => {
    const post = adaptTikTokPost(clip, { privacy }, ALL);
    expect(post).toMatchObject({ platform: 'tiktok', privacy: level, options: { privacy_level: level } });
  });

  it.each<[string, PostDraft, PlatformLimits | null, RegExp]>([
    ['no privacy choice (never a default)', {}, ALL, /none was given/],
    ['unlisted (TikTok has none)', { privacy: 'unlisted' }, ALL, /no "unlisted"/],
    [
      'public when only SELF_ONLY is offered (unaudited app)',
      { privacy: 'public' },
      PRIVATE_ONLY,
      /offers: private/,
    ],
    ['no creator info read', { privacy: 'private' }, null, /not known/],
    [
      'branded content kept private',
      { privacy: 'private', commercial: { yourBrand: false, brandedContent: true } },
      ALL,
      /branded/,
    ],
  ])('refuses %s with INVALID_ARGUMENT', (_label, draft, given, message) => {
    expect(() => adaptTikTokPost(clip, draft, given)).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', message: expect.stringMatching(message) }),
    );
  });

  it('never pre-ticks comment, duet or stitch, and keeps off what the creator turned off', () => {
    expect(adaptTikTokPost(clip, { privacy: 'private' }, ALL).options).toMatchObject({
      disable_comment: true,
      disable_duet: true,
      disable_stitch: true,
      brand_content_toggle: false,
      brand_organic_toggle: false,
    });
    const ticked = { privacy: 'public', allowComments: true, allowDuet: true, allowStitch: true } as const;
    expect(adaptTikTokPost(clip, ticked, ALL).options).toMatchObject({
      disable_comment: false,
      disable_duet: false,
      disable_stitch: false,
    });
    const creatorOff = limits(['PUBLIC_TO_EVERYONE'], { commentsDisabled: true, stitchDisabled: true });
    expect(adaptTikTokPost(clip, ticked, creatorOff).options).toMatchObject({
      disable_comment: true,
      disable_duet: false,
      disable_stitch: true,
    });
  });

  it('discloses commercial content as TikTok names it', () => {
    const draft: PostDraft = { privacy: 'public', commercial: { yourBrand: true, brandedContent: true } };
    expect(adaptTikTokPost(clip, draft, ALL).options).toMatchObject({
      brand_organic_toggle: true,
      brand_content_toggle: true,
    });
  });

  it.each<[string, Partial<ClipForPost>, PlatformLimits, RegExp]>([
    [
      'longer than the creator may post',
      { durationSec: 200 },
      limits(['SELF_ONLY'], { maxDurationSec: 180 }),
      /up to 180 s/,
    ],
    ['shorter than 3 s', { durationSec: 2 }, PRIVATE_ONLY, /3 s or more/],
    ['over 4 GB', { sizeBytes: 5 * 2 ** 30 }, PRIVATE_ONLY, /up to 4096 MiB/],
    ['under 360 px a side', { width: 200, height: 356 }, PRIVATE_ONLY, /360 to 4096 px/],
    ['wider than 16:9', { width: 3000, height: 1000 }, PRIVATE_ONLY, /9:16 portrait to 16:9/],
  ])('refuses a clip %s with POST_DOES_NOT_FIT', (_label, overrides, given, message) => {
    expect(() => adaptTikTokPost({ ...clip, ...overrides }, { privacy: 'private' }, given)).toThrow(
      expect.objectContaining({ code: 'POST_DOES_NOT_FIT', message: expect.stringMatching(message) }),
    );
  });

  it.each([
    [1920, 1080],
    [1080, 1080],
    [720, 1280],
  ])('takes %i×%i', (width, height) => {
    expect(adaptTikTokPost({ ...clip, width, height }, { privacy: 'private' }, PRIVATE_ONLY).privacy).toBe(
      'SELF_ONLY',
    );
  });
});
