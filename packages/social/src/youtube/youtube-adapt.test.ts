import { describe, expect, it } from 'vitest';
import type { ClipForPost, PlatformLimits } from '../platform-client.js';
import {
  adaptForYouTube,
  charCount,
  tagsFrom,
  tagsLength,
  utf8Bytes,
  YOUTUBE_PRIVACY,
  type YouTubeDraft,
} from './youtube-adapt.js';

const CLIP: ClipForPost = Object.freeze({
  id: 'c1',
  title: 'Why the first line decides everything',
  text: 'The first line decides whether anyone stays.',
  hashtags: Object.freeze(['#hooks', '#writing']) as string[],
  reasons: Object.freeze(['Opens with a strong claim']) as string[],
  durationSec: 42,
  width: 1080,
  height: 1920,
  sizeBytes: 20_000_000,
});
const LIMITS: PlatformLimits = {
  privacy: YOUTUBE_PRIVACY,
  maxDurationSec: 180,
  maxSizeBytes: 256 * 1024 ** 3,
  quota: null,
};
const DRAFT: YouTubeDraft = { madeForKids: false };
const adapt = (
  clip: Partial<ClipForPost> = {},
  draft: Partial<YouTubeDraft> = {},
  limits: PlatformLimits | null = LIMITS,
) => adaptForYouTube({ ...CLIP, ...clip }, { ...DRAFT, ...draft }, limits);
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error as { code: string; message: string; hint: string };
  }
  throw new Error('expected a refusal');
};

const ja = (n: number) => 'あ'.repeat(n);

describe('counting the YouTube way', () => {
  it.each([
    ['abc', 3, 3],
    ['ラーメン', 4, 12],
    ['😀', 1, 4],
    ['🇯🇵', 2, 8],
    ['https://example.com/?q=切り抜き', 27, 35],
  ])('%s: %d characters, %d bytes', (text, chars, bytes) => {
    expect(charCount(text)).toBe(chars);
    expect(utf8Bytes(text)).toBe(bytes);
  });

  it.each([
    [['Foo-Baz'], 7],
    [['Foo Baz'], 9],
    [['a', 'b'], 3],
    [[], 0],
    [['ラーメン', 'new york'], 4 + 1 + 10],
  ])('tags %j count %d', (tags, length) => expect(tagsLength(tags)).toBe(length));

  it('takes as many tags as fit 500 characters, in order', () => {
    const ten = Array.from({ length: 60 }, (_, i) => `tag${String(i).padStart(7, '0')}`);
    const kept = tagsFrom(ten);
    expect(kept).toEqual(ten.slice(0, 45));
    expect(tagsLength(kept)).toBeLessThanOrEqual(500);
  });
});

describe('adaptForYouTube', () => {
  it('makes the defaults from the clip: title, its text with its hashtags, tags, public, category 22', () => {
    expect(adapt()).toEqual({
      platform: 'youtube',
      title: CLIP.title,
      text: `${CLIP.text}\n\n#hooks #writing`,
      privacy: 'public',
      options: { tags: ['hooks', 'writing'], categoryId: '22', selfDeclaredMadeForKids: false },
    });
  });

  it.each<[string, Partial<YouTubeDraft>, string, string]>([
    [
      'a title with emoji and spaces, exactly',
      { title: '  Ramen 🍜 time  ' },
      '  Ramen 🍜 time  ',
      CLIP.text,
    ],
    ['100 Japanese characters', { title: ja(100) }, ja(100), CLIP.text],
    ['99 letters and an emoji', { title: `${'a'.repeat(99)}😀` }, `${'a'.repeat(99)}😀`, CLIP.text],
    [
      'a description with a URL, as given',
      { caption: 'More: https://example.com/a?b=c&d=e' },
      CLIP.title,
      'More: https://example.com/a?b=c&d=e',
    ],
    ['5,000 bytes of emoji', { caption: '😀'.repeat(1250) }, CLIP.title, '😀'.repeat(1250)],
    ['5,000 bytes of Japanese', { caption: `${ja(1666)}ab` }, CLIP.title, `${ja(1666)}ab`],
  ])('sends %s', (_name, draft, title, text) => {
    const post = adapt({}, draft);
    expect(post.title).toBe(title);
    expect(post.text.startsWith(text)).toBe(true);
    if (draft.caption !== undefined) expect(post.text).toBe(draft.caption);
  });

  it.each<[string, Partial<ClipForPost>, Partial<YouTubeDraft>, string, RegExp]>([
    [
      'a title of 101 Japanese characters',
      {},
      { title: ja(101) },
      'POST_DOES_NOT_FIT',
      /101 characters.*at most 100/,
    ],
    [
      '100 letters and an emoji',
      {},
      { title: `${'a'.repeat(100)}😀` },
      'POST_DOES_NOT_FIT',
      /101 characters/,
    ],
    ['a title with <', {}, { title: 'a <b> title' }, 'INVALID_ARGUMENT', /"<" or ">"/],
    ['an empty title', {}, { title: '   ' }, 'INVALID_ARGUMENT', /empty/],
    ['5,001 bytes of Japanese', {}, { caption: `${ja(1666)}abc` }, 'POST_DOES_NOT_FIT', /5001 bytes/],
    ['1,251 emoji', {}, { caption: '😀'.repeat(1251) }, 'POST_DOES_NOT_FIT', /5004 bytes/],
    [
      'a URL with > in the description',
      {},
      { caption: 'https://example.com/?q=<x>' },
      'INVALID_ARGUMENT',
      /"<" or ">"/,
    ],
    ['"friends" privacy', {}, { privacy: 'friends' }, 'INVALID_ARGUMENT', /does not offer "friends"/],
    ['no made-for-kids answer', {}, { madeForKids: undefined }, 'INVALID_ARGUMENT', /made for kids/],
    ['a clip of 181 s', { durationSec: 181 }, {}, 'POST_DOES_NOT_FIT', /181 s long.*at most 180 s/],
    ['a clip of 0.5 s', { durationSec: 0.5 }, {}, 'POST_DOES_NOT_FIT', /at least 1 s/],
    ['a landscape clip', { width: 1920, height: 1080 }, {}, 'POST_DOES_NOT_FIT', /1920×1080 \(landscape\)/],
    ['a file over the limit', { sizeBytes: 257 * 1024 ** 3 }, {}, 'POST_DOES_NOT_FIT', /at most/],
    [
      'a category that is not an id',
      {},
      { categoryId: 'music' },
      'INVALID_ARGUMENT',
      /not a YouTube category id/,
    ],
  ])('refuses %s before any upload', (_name, clip, draft, code, message) => {
    const error = refusal(() => adapt(clip, draft));
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(error.hint).toBeTruthy();
  });

  it('accepts only the privacy the channel is offered now (an unaudited project: private only)', () => {
    const privateOnly = { ...LIMITS, privacy: [{ choice: 'private' as const, value: 'private' }] };
    expect(refusal(() => adapt({}, { privacy: 'public' }, privateOnly)).message).toMatch(/offers private/);
    expect(adapt({}, { privacy: 'private' }, privateOnly).privacy).toBe('private');
    expect(adapt({}, { privacy: 'unlisted' }, null).privacy).toBe('unlisted');
  });

  it('cuts and cleans a default title made from the clip, never inside an emoji', () => {
    const family = '👩‍👩‍👧';
    expect(adapt({ title: `${'a'.repeat(98)}${family}` }).title).toBe(`${'a'.repeat(98)}…`);
    const long = adapt({ title: `${'word '.repeat(30)}end` }).title!;
    expect(charCount(long)).toBeLessThanOrEqual(100);
    expect(long.endsWith('word…')).toBe(true);
    expect(adapt({ title: 'x<y and y>z' }).title).toBe('x‹y and y›z');
    expect(adapt({ title: '' }).title).toBe(CLIP.text);
    expect(refusal(() => adapt({ title: ' ', text: '' })).code).toBe('INVALID_ARGUMENT');
  });

  it('fits a long Japanese default description with its hashtags into 5,000 bytes', () => {
    const post = adapt({ text: ja(3000), hashtags: ['#ラーメン', '#切り抜き'] });
    expect(utf8Bytes(post.text)).toBeLessThanOrEqual(5000);
    expect(post.text.endsWith('…\n\n#ラーメン #切り抜き')).toBe(true);
    expect(post.options.tags).toEqual(['ラーメン', '切り抜き']);
  });

  it('makes tags from the hashtags: # dropped, each once, spaces closed up, < > left out', () => {
    const post = adapt({ hashtags: ['#Cats', '#cats', '##dogs', '#new york', '#', '#a<b'] });
    expect(post.options.tags).toEqual(['Cats', 'dogs', 'newyork']);
    expect(post.text.endsWith('#Cats #dogs #newyork')).toBe(true);
  });

  it('passes made-for-kids and the category through, and is pure', () => {
    const post = adapt({}, { madeForKids: true, categoryId: '27', privacy: 'unlisted' });
    expect(post.options).toEqual({
      tags: ['hooks', 'writing'],
      categoryId: '27',
      selfDeclaredMadeForKids: true,
    });
    expect(adapt({}, { madeForKids: true, categoryId: '27', privacy: 'unlisted' })).toEqual(post);
  });
});
