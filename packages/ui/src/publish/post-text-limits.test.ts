import { describe, expect, it } from 'vitest';
import {
  countInstagramCaption,
  countTikTokCaption,
  countXText,
  countYouTubeDescription,
  countYouTubeTitle,
  hashtagLine,
  hashtagsIn,
  instagramPostText,
  withTagsThatFit,
} from './post-text-limits.js';

describe('countXText (twitter-text weighted length)', () => {
  it.each([
    ['plain Latin counts 1 each', 'hello', 5],
    ['a URL counts 23 however long', 'https://example.com/a/very/long/path/that/goes/on?and=on', 23],
    ['a bare domain is a URL too', 'see example.com', 4 + 23],
    ['text around two URLs', 'a https://x.com b https://kirinuki.jp/clip/1', 2 + 23 + 3 + 23],
    ['an emoji counts 2', '😀', 2],
    ['a family emoji (ZWJ sequence) counts 2', '👨‍👩‍👧', 2],
    ['Japanese counts 2 per character', 'こんにちは', 10],
    ['mixed Japanese, emoji and Latin', '切り抜き🎬 ok', 4 * 2 + 2 + 1 + 2],
    ['empty', '', 0],
  ])('%s', (_name, text, weighted) => {
    expect(countXText(text).used).toBe(weighted);
    expect(countXText(text).max).toBe(280);
  });

  it.each([
    ['280 Latin fits', 'a'.repeat(280), false],
    ['281 Latin is over', 'a'.repeat(281), true],
    ['140 Japanese fit', 'あ'.repeat(140), false],
    ['141 Japanese are over', 'あ'.repeat(141), true],
  ])('%s', (_name, text, over) => expect(countXText(text).over).toBe(over));
});

describe('the other platforms count their own way', () => {
  it.each([
    ['TikTok: UTF-16 units (an emoji is 2)', countTikTokCaption('😀a'), 3, 2200],
    ['YouTube title: code points (an emoji is 1)', countYouTubeTitle('😀a'), 2, 100],
    ['YouTube description: UTF-8 bytes (あ is 3)', countYouTubeDescription('あa'), 4, 5000],
    ['Instagram caption: code points', countInstagramCaption('日本😀').chars, 3, 2200],
  ])('%s', (_name, counted, used, max) => {
    expect(counted.used).toBe(used);
    expect(counted.max).toBe(max);
  });

  it.each([
    ['hashtags as written', 'Hi #AI and #ml', ['AI', 'ml']],
    ['the full-width ＃ Japanese keyboards type', '＃切り抜き です', ['切り抜き']],
    ['not a URL fragment or an entity', 'https://x.com/a#b &#39; mail#x', []],
  ])('hashtagsIn: %s', (_name, text, tags) => expect(hashtagsIn(text)).toEqual(tags));

  it('Instagram counts at most 30 hashtags', () => {
    const tags = (n: number) => Array.from({ length: n }, (_, i) => `#t${i}`).join(' ');
    expect(countInstagramCaption(tags(30)).hashtags).toEqual({ used: 30, max: 30, over: false });
    expect(countInstagramCaption(tags(31)).hashtags.over).toBe(true);
    expect(countInstagramCaption('x'.repeat(2201)).chars.over).toBe(true);
  });
});

describe('hashtags from the clip', () => {
  it.each([
    [['AI', 'machine learning', '#podcast', 'ai'], '#AI #machinelearning #podcast'],
    [['切り抜き', 'ラジオ・トーク'], '#切り抜き #ラジオトーク'],
    [['', '!!!'], ''],
  ])('hashtagLine(%j) = %j', (keywords, line) => expect(hashtagLine(keywords)).toBe(line));

  it.each([
    ['adds what the caption lacks', 'Hi #AI', ['ai', 'news'], 'Hi #AI\n\n#news'],
    ['adds nothing when all are there', 'Hi #news', ['news'], 'Hi #news'],
    ['an empty caption becomes the tags', '', ['a', 'b'], '#a #b'],
  ])('instagramPostText: %s', (_name, caption, keywords, text) =>
    expect(instagramPostText(caption, keywords)).toBe(text),
  );

  it('withTagsThatFit keeps only the tags that fit', () => {
    const fits = (t: string) => t.length <= 12;
    expect(withTagsThatFit('Title', '#ab #toolongtag #c', fits)).toBe('Title\n\n#ab');
    expect(withTagsThatFit('', '#a #b', fits)).toBe('#a #b');
  });
});
