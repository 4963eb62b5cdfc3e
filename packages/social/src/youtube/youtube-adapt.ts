import {
  PLATFORM_PRESETS,
  PRESET_OF,
  UserFacingError,
  type PostDraft,
  type PrivacyChoice,
} from '@kirinuki/contracts';
import type { ClipForPost, PlatformLimits, PlatformPost } from '../platform-client.js';
import { DEFAULT_CATEGORY_ID, YOUTUBE_TEXT_LIMITS } from './youtube-endpoints.js';

/** A draft for YouTube; `categoryId` is YouTube's own field (PostDraft has none yet). */
export type YouTubeDraft = PostDraft & { categoryId?: string | undefined };

/** The platform-specific part of a YouTube post, as videos.insert names it. */
export interface YouTubePostOptions {
  tags: string[];
  categoryId: string;
  selfDeclaredMadeForKids: boolean;
}

export const SHORTS_PRESET = PLATFORM_PRESETS[PRESET_OF.youtube];

/** YouTube's privacy statuses; it has no "friends". */
export const YOUTUBE_PRIVACY: Array<{ choice: PrivacyChoice; value: string }> = [
  { choice: 'public', value: 'public' },
  { choice: 'unlisted', value: 'unlisted' },
  { choice: 'private', value: 'private' },
];

/** YouTube ignores every hashtag of a description that has more than 60 (its help centre). */
const MAX_DESCRIPTION_HASHTAGS = 60;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const encoder = new TextEncoder();

/** Characters as code points (an emoji such as 😀 is one; a flag 🇯🇵 is two). */
export const charCount = (text: string) => [...text].length;
export const utf8Bytes = (text: string) => encoder.encode(text).length;

/**
 * The length of a tag list as YouTube counts it: the commas between tags count, and a tag with a
 * space counts as if wrapped in quotation marks ("Foo Baz" is 9).
 */
export function tagsLength(tags: readonly string[]): number {
  if (tags.length === 0) return 0;
  const each = tags.reduce((sum, tag) => sum + charCount(tag) + (/\s/.test(tag) ? 2 : 0), 0);
  return each + tags.length - 1;
}

/** `<` and `>` are the two characters YouTube refuses in titles and descriptions. */
const FORBIDDEN = /[<>]/;
/** Look-alikes for machine-made defaults (the user's own text is refused instead, never changed). */
const replaceForbidden = (text: string) => text.replace(/</g, '‹').replace(/>/g, '›');

const fail = (code: 'POST_DOES_NOT_FIT' | 'INVALID_ARGUMENT', message: string, hint: string) =>
  new UserFacingError(code, message, { hint });

/** Cut to fit `fits`, at a word boundary when one is near, never inside a grapheme, with an ellipsis. */
export function shortenToFit(text: string, fits: (candidate: string) => boolean): string {
  if (fits(text)) return text;
  const parts = [...graphemes.segment(text)].map((s) => s.segment);
  const candidate = (end: number) => `${parts.slice(0, end).join('').trimEnd()}…`;
  // The longest prefix that fits with its ellipsis (fitting only shrinks as the prefix grows).
  let low = 0;
  let high = parts.length - 1;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(candidate(mid))) low = mid;
    else high = mid - 1;
  }
  const cut = parts.slice(0, low).join('');
  // Spaced scripts: back up to the last space when it costs under a fifth; Japanese has none.
  const space = cut.lastIndexOf(' ');
  const head = (space > cut.length * 0.8 ? cut.slice(0, space) : cut).trimEnd();
  return head ? `${head}…` : '';
}

const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

function checkFits(clip: ClipForPost, limits: PlatformLimits | null): void {
  const { minSec } = SHORTS_PRESET.allowedDuration;
  const maxSec = limits?.maxDurationSec ?? SHORTS_PRESET.allowedDuration.maxSec;
  const maxBytes = limits?.maxSizeBytes ?? SHORTS_PRESET.maxSizeBytes;
  const seconds = Math.round(clip.durationSec * 10) / 10;
  if (!Number.isFinite(clip.durationSec) || clip.width <= 0 || clip.height <= 0)
    throw fail(
      'INVALID_ARGUMENT',
      `The clip's rendered file has no usable duration or size (${clip.durationSec} s, ${clip.width}×${clip.height}).`,
      'Render the clip again, then publish it.',
    );
  if (clip.durationSec > maxSec)
    throw fail(
      'POST_DOES_NOT_FIT',
      `The clip is ${seconds} s long; a YouTube Short is at most ${maxSec} s.`,
      `Trim the clip to ${maxSec} s or less, or choose another platform.`,
    );
  if (clip.durationSec < minSec)
    throw fail(
      'POST_DOES_NOT_FIT',
      `The clip is ${seconds} s long; YouTube takes videos of at least ${minSec} s.`,
      `Lengthen the clip to ${minSec} s or more.`,
    );
  if (clip.width > clip.height)
    throw fail(
      'POST_DOES_NOT_FIT',
      `The clip is ${clip.width}×${clip.height} (landscape); a YouTube Short is vertical or square.`,
      'Render the clip with the shorts preset (9:16), or choose another platform.',
    );
  if (clip.sizeBytes > maxBytes)
    throw fail(
      'POST_DOES_NOT_FIT',
      `The clip's file is ${clip.sizeBytes} bytes; YouTube takes at most ${maxBytes}.`,
      'Render the clip at a lower bitrate, or shorten it.',
    );
}

function privacyOf(draft: YouTubeDraft, limits: PlatformLimits | null): string {
  // YouTube's own default for an upload that names none.
  const choice = draft.privacy ?? 'public';
  const offered = limits?.privacy ?? YOUTUBE_PRIVACY;
  const found = offered.find((p) => p.choice === choice);
  if (!found)
    throw fail(
      'INVALID_ARGUMENT',
      `YouTube does not offer "${choice}" privacy for this channel now (it offers ${offered.map((p) => p.choice).join(', ')}).`,
      `Choose one of: ${offered.map((p) => p.choice).join(', ')}.`,
    );
  return found.value;
}

function titleOf(clip: ClipForPost, draft: YouTubeDraft): string {
  const max = YOUTUBE_TEXT_LIMITS.titleChars;
  if (draft.title !== undefined) {
    const title = draft.title;
    if (!title.trim())
      throw fail('INVALID_ARGUMENT', 'The title is empty; YouTube needs one.', 'Give the post a title.');
    if (FORBIDDEN.test(title))
      throw fail(
        'INVALID_ARGUMENT',
        'The title contains "<" or ">", which YouTube does not accept in titles.',
        'Remove them from the title (‹ and › look alike and are accepted), then publish again.',
      );
    const length = charCount(title);
    if (length > max)
      throw fail(
        'POST_DOES_NOT_FIT',
        `The title is ${length} characters; YouTube takes at most ${max}.`,
        `Shorten the title by ${length - max} characters.`,
      );
    return title;
  }
  const base = oneLine(replaceForbidden(clip.title)) || oneLine(replaceForbidden(clip.text));
  const title = shortenToFit(base, (t) => charCount(t) <= max);
  if (!title)
    throw fail(
      'INVALID_ARGUMENT',
      'The clip has no title and no text to make one from; YouTube needs a title.',
      'Give the post a title.',
    );
  return title;
}

/** The clip's hashtags as `#word` (spaces closed up, as a hashtag cannot hold one), each once. */
function hashtagsOf(clip: ClipForPost): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of clip.hashtags) {
    const word = raw.replace(/^#+/, '').replace(/\s+/g, '');
    if (!word || FORBIDDEN.test(word) || seen.has(word.toLowerCase())) continue;
    seen.add(word.toLowerCase());
    out.push(word);
  }
  return out;
}

/** Tags from the hashtags, in order, as many as fit YouTube's 500-character count. */
export function tagsFrom(words: readonly string[]): string[] {
  const tags: string[] = [];
  for (const word of words) if (tagsLength([...tags, word]) <= YOUTUBE_TEXT_LIMITS.tagsChars) tags.push(word);
  return tags;
}

function descriptionOf(clip: ClipForPost, draft: YouTubeDraft, words: readonly string[]): string {
  const max = YOUTUBE_TEXT_LIMITS.descriptionBytes;
  if (draft.caption !== undefined) {
    const caption = draft.caption;
    if (FORBIDDEN.test(caption))
      throw fail(
        'INVALID_ARGUMENT',
        'The description contains "<" or ">", which YouTube does not accept in descriptions.',
        'Remove them from the description (‹ and › look alike and are accepted), then publish again.',
      );
    const bytes = utf8Bytes(caption);
    if (bytes > max)
      throw fail(
        'POST_DOES_NOT_FIT',
        `The description is ${bytes} bytes in UTF-8; YouTube takes at most ${max} (a Japanese character takes 3, most emoji 4).`,
        `Shorten the description by about ${bytes - max} bytes.`,
      );
    return caption;
  }
  let tagLine = '';
  for (const word of words.slice(0, MAX_DESCRIPTION_HASHTAGS)) {
    const next = tagLine ? `${tagLine} #${word}` : `#${word}`;
    if (utf8Bytes(next) <= max) tagLine = next;
  }
  const room = max - utf8Bytes(tagLine) - (tagLine ? 2 : 0);
  const body = shortenToFit(replaceForbidden(clip.text.trim()), (t) => utf8Bytes(t) <= room);
  return [body, tagLine].filter(Boolean).join('\n\n');
}

function categoryOf(draft: YouTubeDraft): string {
  const category = draft.categoryId ?? DEFAULT_CATEGORY_ID;
  if (!/^\d{1,3}$/.test(category))
    throw fail(
      'INVALID_ARGUMENT',
      `"${category}" is not a YouTube category id.`,
      'Give a category id such as 22 (People & Blogs), 24 (Entertainment) or 27 (Education).',
    );
  return category;
}

/**
 * The clip and the user's draft as a YouTube Short: what does not fit is refused before any byte
 * is sent. The user's title and description are sent exactly as given (refused, never changed,
 * when YouTube would not take them); defaults made from the clip are cut and cleaned to fit.
 */
export function adaptForYouTube(
  clip: ClipForPost,
  draft: YouTubeDraft,
  limits: PlatformLimits | null,
): PlatformPost {
  checkFits(clip, limits);
  if (draft.madeForKids === undefined)
    throw fail(
      'INVALID_ARGUMENT',
      'YouTube asks of every upload whether it is made for kids, and this post does not say.',
      'Answer "Made for kids?" for the post (yes or no), then publish again.',
    );
  const privacy = privacyOf(draft, limits);
  const words = hashtagsOf(clip);
  const options: YouTubePostOptions = {
    tags: tagsFrom(words),
    categoryId: categoryOf(draft),
    selfDeclaredMadeForKids: draft.madeForKids,
  };
  return {
    platform: 'youtube',
    title: titleOf(clip, draft),
    text: descriptionOf(clip, draft, words),
    privacy,
    options: { ...options },
  };
}
