import twitter from 'twitter-text';

// Each platform counts a post's text its own way; these mirror the host's adapters (packages/social)
// so the form refuses what the host would refuse, with the same numbers.

/** A text against one limit: how much it uses, of how much. */
export interface TextCount {
  used: number;
  max: number;
  over: boolean;
}

const count = (used: number, max: number): TextCount => ({ used, max, over: used > max });

export const X_MAX_WEIGHTED_LENGTH = 280;
export const TIKTOK_CAPTION_MAX = 2200;
export const INSTAGRAM_CAPTION_MAX = 2200;
export const INSTAGRAM_MAX_HASHTAGS = 30;
export const YOUTUBE_TITLE_MAX = 100;
export const YOUTUBE_DESCRIPTION_MAX_BYTES = 5000;

/** X's weighted length (twitter-text v3): every URL 23, CJK characters and emoji 2, the rest 1. */
export const countXText = (text: string): TextCount =>
  count(twitter.parseTweet(text).weightedLength, X_MAX_WEIGHTED_LENGTH);

/** TikTok counts a caption in UTF-16 code units. */
export const countTikTokCaption = (text: string): TextCount => count(text.length, TIKTOK_CAPTION_MAX);

/** Characters as Instagram and YouTube titles count them: code points (😀 is one). */
const codePoints = (text: string) => [...text].length;

// A hashtag starts at `#` (or the full-width `＃` Japanese keyboards type) not glued to a word, a
// URL path or an HTML entity: `https://x.com/a#b` is not one. The Instagram adapter's own rule.
const HASHTAG = /(?<![\p{L}\p{N}_&/])[#＃]([\p{L}\p{M}\p{N}_]+)/gu;

/** The hashtags of a text, as written (without the `#`). */
export const hashtagsIn = (text: string): string[] => [...text.matchAll(HASHTAG)].map((m) => m[1] ?? '');

export const countInstagramCaption = (text: string): { chars: TextCount; hashtags: TextCount } => ({
  chars: count(codePoints(text), INSTAGRAM_CAPTION_MAX),
  hashtags: count(hashtagsIn(text).length, INSTAGRAM_MAX_HASHTAGS),
});

export const countYouTubeTitle = (text: string): TextCount => count(codePoints(text), YOUTUBE_TITLE_MAX);

/** YouTube counts a description in UTF-8 bytes (a Japanese character is 3). */
export const countYouTubeDescription = (text: string): TextCount =>
  count(new TextEncoder().encode(text).length, YOUTUBE_DESCRIPTION_MAX_BYTES);

/** `<` and `>` are the two characters YouTube refuses in titles and descriptions. */
export const hasAngleBrackets = (text: string) => /[<>]/.test(text);

/** A clip keyword as a hashtag: letters, marks, digits and `_` only (`Machine learning` → `Machinelearning`). */
export function hashtagOf(keyword: string): string | null {
  const tag = keyword
    .normalize('NFC')
    .replace(/^[#＃]+/u, '')
    .replace(/[^\p{L}\p{M}\p{N}_]/gu, '');
  return tag || null;
}

/** The clip's keywords as one line of distinct hashtags (`#ai #podcast`). */
export function hashtagLine(keywords: readonly string[]): string {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const keyword of keywords) {
    const tag = hashtagOf(keyword);
    if (!tag || seen.has(tag.toLowerCase())) continue;
    seen.add(tag.toLowerCase());
    tags.push(`#${tag}`);
  }
  return tags.join(' ');
}

/**
 * What Instagram will post: the caption, then the clip's keywords it lacks as hashtags while
 * Instagram's limits leave room (the host's adapter adds them the same way).
 */
export function instagramPostText(caption: string, keywords: readonly string[]): string {
  const present = new Set(hashtagsIn(caption).map((tag) => tag.toLowerCase()));
  const added: string[] = [];
  for (const keyword of keywords) {
    const tag = hashtagOf(keyword);
    if (!tag || present.has(tag.toLowerCase())) continue;
    if (present.size + 1 > INSTAGRAM_MAX_HASHTAGS) break;
    const line = [...added, tag].map((t) => `#${t}`).join(' ');
    if (codePoints(caption ? `${caption}\n\n${line}` : line) > INSTAGRAM_CAPTION_MAX) break;
    present.add(tag.toLowerCase());
    added.push(tag);
  }
  if (!added.length) return caption;
  const line = added.map((t) => `#${t}`).join(' ');
  return caption ? `${caption}\n\n${line}` : line;
}

/** `text` then as many of `tags` (one line) as keep it within `fits`. */
export function withTagsThatFit(text: string, tags: string, fits: (candidate: string) => boolean): string {
  let out = text;
  let first = true;
  for (const tag of tags.split(' ').filter(Boolean)) {
    const candidate = out ? `${out}${first ? '\n\n' : ' '}${tag}` : tag;
    if (!fits(candidate)) continue;
    out = candidate;
    first = false;
  }
  return out;
}
