import { PLATFORM_PRESETS, PRESET_OF, UserFacingError, type PostDraft } from '@kirinuki/contracts';
import type { ClipForPost, PlatformLimits, PlatformPost } from '../platform-client.js';

// Instagram's caption rules (IG User Media reference): at most 2,200 characters, 30 hashtags and
// 20 @ tags. Reels (the same reference): 3 s to 15 min, at most 1,920 columns, an aspect ratio
// between 0.01:1 and 10:1 (9:16 recommended). There is no per-post privacy and no title.

export const CAPTION_MAX_CHARS = 2200;
export const CAPTION_MAX_HASHTAGS = 30;
export const CAPTION_MAX_MENTIONS = 20;
const MAX_COLUMNS = 1920;
const ASPECT_MIN = 0.01;
const ASPECT_MAX = 10;

const REELS = PLATFORM_PRESETS[PRESET_OF.instagram];

/** Characters as Instagram counts them: Unicode code points (an emoji of one code point is one). */
export const captionLength = (text: string): number => [...text].length;

// A hashtag starts at `#` (or the full-width `＃` Japanese keyboards type) not glued to a word, a URL
// path or an HTML entity: `https://x.com/a#b` and `&#39;` are not hashtags.
const HASHTAG = /(?<![\p{L}\p{N}_&/])[#＃]([\p{L}\p{M}\p{N}_]+)/gu;
// An @ tag starts at `@` not glued to a word (an e-mail address is not one).
const MENTION = /(?<![\p{L}\p{N}_.])@([\p{L}\p{N}_.]+)/gu;

/** The hashtags of a text, as written (without the `#`). */
export const hashtagsIn = (text: string): string[] => [...text.matchAll(HASHTAG)].map((m) => m[1]!);
export const mentionsIn = (text: string): string[] => [...text.matchAll(MENTION)].map((m) => m[1]!);

/** A clip keyword as a hashtag: letters, marks, digits and `_` only (`Machine learning` → `Machinelearning`). */
export function hashtagOf(keyword: string): string | null {
  const tag = keyword
    .normalize('NFC')
    .replace(/^[#＃]+/, '')
    .replace(/[^\p{L}\p{M}\p{N}_]/gu, '');
  return tag ? tag : null;
}

const fitError = (message: string, hint: string) =>
  new UserFacingError('POST_DOES_NOT_FIT', message, { hint });
const n = (value: number) => value.toLocaleString('en-US');

/** The clip's file against what Reels accept; every problem named in one error. */
function checkMedia(clip: ClipForPost, limits: PlatformLimits | null): void {
  const problems: string[] = [];
  const hints: string[] = [];
  const minSec = REELS.allowedDuration.minSec;
  const maxSec = Math.min(
    limits?.maxDurationSec ?? REELS.allowedDuration.maxSec,
    REELS.allowedDuration.maxSec,
  );
  const maxBytes = Math.min(limits?.maxSizeBytes ?? REELS.maxSizeBytes, REELS.maxSizeBytes);
  if (!(clip.durationSec >= minSec && clip.durationSec <= maxSec)) {
    problems.push(
      `the clip is ${clip.durationSec.toFixed(1)} s long; Reels take ${minSec} s to ${maxSec / 60} min`,
    );
    hints.push(`trim the clip to between ${minSec} and ${maxSec} seconds`);
  }
  if (clip.sizeBytes > maxBytes) {
    problems.push(
      `the file is ${n(Math.ceil(clip.sizeBytes / 2 ** 20))} MB; Reels take at most ${n(maxBytes / 2 ** 20)} MB`,
    );
    hints.push('render it again with the reels preset (a lower bitrate) or shorten it');
  }
  const aspect = clip.height > 0 ? clip.width / clip.height : 0;
  if (!(aspect >= ASPECT_MIN && aspect <= ASPECT_MAX)) {
    problems.push(
      `the picture is ${clip.width}×${clip.height}; Reels take aspect ratios from 0.01:1 to 10:1`,
    );
    hints.push('render it with the reels preset (1080×1920, 9:16)');
  } else if (clip.width > MAX_COLUMNS) {
    problems.push(`the picture is ${clip.width} px wide; Reels take at most ${MAX_COLUMNS} columns`);
    hints.push('render it with the reels preset (1080×1920, 9:16)');
  }
  if (problems.length)
    throw fitError(
      `This clip does not fit Instagram Reels: ${problems.join('; ')}.`,
      `To post it, ${hints.join(', and ')}.`,
    );
}

/** A text the user wrote against the caption rules; theirs is never cut, only refused with the numbers. */
function checkCaption(text: string, what: string): void {
  const length = captionLength(text);
  if (length > CAPTION_MAX_CHARS)
    throw fitError(
      `The ${what} is ${n(length)} characters; Instagram takes at most ${n(CAPTION_MAX_CHARS)}.`,
      `Shorten it by ${n(length - CAPTION_MAX_CHARS)} characters.`,
    );
  const tags = hashtagsIn(text).length;
  if (tags > CAPTION_MAX_HASHTAGS)
    throw fitError(
      `The ${what} has ${tags} hashtags; Instagram takes at most ${CAPTION_MAX_HASHTAGS}.`,
      `Remove ${tags - CAPTION_MAX_HASHTAGS} of them.`,
    );
  const mentions = mentionsIn(text).length;
  if (mentions > CAPTION_MAX_MENTIONS)
    throw fitError(
      `The ${what} tags ${mentions} accounts with @; Instagram takes at most ${CAPTION_MAX_MENTIONS}.`,
      `Remove ${mentions - CAPTION_MAX_MENTIONS} of the @ tags.`,
    );
}

/** Cuts a default of ours (never the user's text) to `max` code points, at a space where there is one. */
function cut(text: string, max: number): string {
  const points = [...text];
  if (points.length <= max) return text;
  const head = points.slice(0, Math.max(0, max - 1)).join('');
  const space = head.lastIndexOf(' ');
  return `${space > head.length / 2 ? head.slice(0, space) : head}…`;
}

const fits = (text: string) =>
  captionLength(text) <= CAPTION_MAX_CHARS &&
  hashtagsIn(text).length <= CAPTION_MAX_HASHTAGS &&
  mentionsIn(text).length <= CAPTION_MAX_MENTIONS;

/**
 * The caption from a title and the clip's reasons, reasons dropped from the end until it fits. A
 * title of the clip's own may be cut; a title the user gave is kept whole (`keepTitle`).
 */
function defaultCaption(title: string, reasons: readonly string[], keepTitle = false): string {
  const kept = reasons.map((r) => r.trim()).filter(Boolean);
  for (;;) {
    const text = [keepTitle ? title : title.trim(), kept.join('\n')].filter(Boolean).join('\n\n');
    if (fits(text)) return text;
    if (!kept.length) return keepTitle ? title : cut(text, CAPTION_MAX_CHARS);
    kept.pop();
  }
}

/** The clip's keywords as hashtags the caption lacks, as many as the limits leave room for. */
function withHashtags(text: string, keywords: readonly string[]): string {
  const present = new Set(hashtagsIn(text).map((tag) => tag.toLowerCase()));
  const added: string[] = [];
  for (const keyword of keywords) {
    const tag = hashtagOf(keyword);
    if (!tag || present.has(tag.toLowerCase())) continue;
    if (present.size + 1 > CAPTION_MAX_HASHTAGS) break;
    const line = [...added, tag].map((t) => `#${t}`).join(' ');
    if (captionLength(text ? `${text}\n\n${line}` : line) > CAPTION_MAX_CHARS) break;
    present.add(tag.toLowerCase());
    added.push(tag);
  }
  if (!added.length) return text;
  const line = added.map((t) => `#${t}`).join(' ');
  return text ? `${text}\n\n${line}` : line;
}

/**
 * The clip and the user's draft as an Instagram reel. The caption is the draft's, else the clip's
 * title and reasons; a title given is its first line, exactly as given. The clip's keywords follow
 * as hashtags within the limits. Privacy does not apply: only `public` (or none) is accepted.
 */
export function adaptInstagramPost(
  clip: ClipForPost,
  draft: PostDraft,
  limits: PlatformLimits | null,
): PlatformPost {
  if (draft.privacy && draft.privacy !== 'public')
    throw new UserFacingError(
      'INVALID_ARGUMENT',
      `Instagram has no per-post privacy (“${draft.privacy}” was asked): a reel is seen by everyone who can see the account.`,
      {
        hint: 'Post it as public (or leave privacy out); to limit who sees it, make the account private on Instagram.',
      },
    );
  checkMedia(clip, limits);
  let text: string;
  if (draft.caption !== undefined) {
    const title = draft.title?.trim() ? draft.title : null;
    text = title && !draft.caption.includes(title) ? `${title}\n\n${draft.caption}` : draft.caption;
    checkCaption(text, title && text !== draft.caption ? 'title and caption' : 'caption');
  } else if (draft.title !== undefined && draft.title.trim()) {
    checkCaption(draft.title, 'title');
    text = defaultCaption(draft.title, clip.reasons, true);
  } else {
    text = defaultCaption(clip.title, clip.reasons);
  }
  return {
    platform: 'instagram',
    text: withHashtags(text, clip.hashtags),
    privacy: null,
    // Reels also show in the profile's grid (the API's default, sent so it is not left to it).
    options: { share_to_feed: true },
  };
}
