import twitter from 'twitter-text';
import { UserFacingError, type PostDraft } from '@kirinuki/contracts';
import type { ClipForPost, PlatformLimits, PlatformPost } from '../platform-client.js';
import { X_MAX_CASHTAGS, X_MAX_WEIGHTED_LENGTH, X_VIDEO } from './x-endpoints.js';

// twitter-text is CommonJS with one default object: its named exports do not load under Node's ESM.
const { parseTweet, extractHashtags, extractCashtags, hasInvalidCharacters } = twitter;

/** The weighted length X counts for a post: URLs 23, CJK and emoji 2, the rest 1 (twitter-text v3). */
export const weightedLength = (text: string) => parseTweet(text).weightedLength;

const fits = (text: string) => weightedLength(text) <= X_MAX_WEIGHTED_LENGTH;

/**
 * The clip and the user's draft as an X post. A caption given (or, lacking one, a title given) is
 * sent exactly as given or refused with its count; otherwise the clip's title (or first reason) is
 * the text, shortened to fit, with the clip's keywords appended as hashtags while they fit.
 */
export function adaptXPost(clip: ClipForPost, draft: PostDraft, limits: PlatformLimits | null): PlatformPost {
  checkVideo(clip, limits);
  checkPrivacy(draft, limits);
  const given = draft.caption ?? draft.title;
  const text = given === undefined ? defaultText(clip) : given.trim() === '' ? '' : given;
  checkText(text, given !== undefined);
  return { platform: 'x', text, privacy: null, options: {} };
}

function checkVideo(clip: ClipForPost, limits: PlatformLimits | null): void {
  const maxDuration = Math.min(limits?.maxDurationSec ?? X_VIDEO.maxDurationSec, X_VIDEO.maxDurationSec);
  const maxSize = Math.min(limits?.maxSizeBytes ?? X_VIDEO.maxSizeBytes, X_VIDEO.maxSizeBytes);
  const seconds = Math.round(clip.durationSec * 10) / 10;
  if (!(clip.durationSec >= X_VIDEO.minDurationSec && clip.durationSec <= maxDuration))
    throw new UserFacingError(
      'POST_DOES_NOT_FIT',
      `The clip is ${seconds} s long; X takes videos of ${X_VIDEO.minDurationSec}–${maxDuration} s.`,
      {
        hint: `Trim the clip to at most ${maxDuration} s (or render it with the x preset), or post it to another platform.`,
      },
    );
  if (!(clip.sizeBytes > 0))
    throw new UserFacingError('INVALID_ARGUMENT', `The clip's file is empty (${clip.sizeBytes} bytes).`, {
      hint: 'Render the clip again, then post it.',
    });
  if (clip.sizeBytes > maxSize)
    throw new UserFacingError(
      'POST_DOES_NOT_FIT',
      `The clip's file is ${megabytes(clip.sizeBytes)} MB; X takes videos up to ${megabytes(maxSize)} MB.`,
      { hint: 'Render it again with the x preset (a lower bitrate) or shorten it, then post it.' },
    );
  const aspect = clip.width / clip.height;
  if (
    !(clip.width >= X_VIDEO.minSide && clip.height >= X_VIDEO.minSide) ||
    !(aspect >= X_VIDEO.minAspect && aspect <= X_VIDEO.maxAspect)
  )
    throw new UserFacingError(
      'POST_DOES_NOT_FIT',
      `The clip is ${clip.width}×${clip.height}; X takes videos of at least 32×32 with an aspect ratio between 1:3 and 3:1.`,
      { hint: 'Render it with the x preset (1280×720) or a 9:16 or 1:1 preset, then post it.' },
    );
}

function checkPrivacy(draft: PostDraft, limits: PlatformLimits | null): void {
  if (draft.privacy === undefined) return;
  const offered = limits?.privacy ?? null;
  // X has no privacy setting: every post is public. A platform list, if X ever offers one, is the rule.
  const ok = offered ? offered.some((option) => option.choice === draft.privacy) : draft.privacy === 'public';
  if (!ok)
    throw new UserFacingError(
      'INVALID_ARGUMENT',
      `X has no "${draft.privacy}" posts: ${offered ? `it offers ${offered.map((o) => o.choice).join(', ')} now` : 'every post on X is public'}.`,
      { hint: 'Leave the privacy unset (or public) for X, or post to a platform that offers it.' },
    );
}

function checkText(text: string, given: boolean): void {
  if (hasInvalidCharacters(text))
    throw new UserFacingError('INVALID_ARGUMENT', 'The post text has characters X does not accept.', {
      hint: 'Remove control or non-character code points (U+FFFE, U+FEFF…) from the caption.',
    });
  const length = weightedLength(text);
  if (length > X_MAX_WEIGHTED_LENGTH)
    throw new UserFacingError(
      'POST_DOES_NOT_FIT',
      `The ${given ? 'caption' : 'post text'} counts ${length} of X's ${X_MAX_WEIGHTED_LENGTH} characters (each link counts 23; Japanese, Chinese, Korean characters and emoji count 2).`,
      { hint: `Shorten it by ${length - X_MAX_WEIGHTED_LENGTH} characters and post again.` },
    );
  const cashtags = extractCashtags(text);
  if (cashtags.length > X_MAX_CASHTAGS)
    throw new UserFacingError(
      'POST_DOES_NOT_FIT',
      `The post text has ${cashtags.length} cashtags (${cashtags.map((c) => `$${c}`).join(' ')}); X takes at most ${X_MAX_CASHTAGS} in a post made through its API.`,
      { hint: 'Keep one cashtag and write the other symbols without the $.' },
    );
}

/** The clip's own words: its title, else its first reason, else its text; shortened to fit, then hashtags. */
function defaultText(clip: ClipForPost): string {
  const base = [clip.title, clip.reasons[0], clip.text].map((s) => (s ?? '').trim()).find(Boolean) ?? '';
  let text = shortenToFit(base);
  const present = new Set(extractHashtags(text).map((tag) => tag.toLowerCase()));
  let first = true;
  for (const tag of hashtagsOf(clip.hashtags)) {
    if (present.has(tag.toLowerCase())) continue;
    const candidate = text === '' ? `#${tag}` : `${text}${first ? '\n\n' : ' '}#${tag}`;
    if (!fits(candidate)) continue;
    text = candidate;
    first = false;
    present.add(tag.toLowerCase());
  }
  return text;
}

/** Keywords as X hashtags: no leading #, no spaces or hyphens; only what twitter-text reads back whole. */
export function hashtagsOf(keywords: readonly string[]): string[] {
  const tags: string[] = [];
  const seen = new Set<string>();
  for (const keyword of keywords) {
    const tag = keyword
      .trim()
      .replace(/^[#＃]+/u, '')
      .replace(/[\s\-‐–—・･]+/gu, '');
    if (!tag || seen.has(tag.toLowerCase())) continue;
    const read = extractHashtags(`#${tag}`);
    if (read.length !== 1 || read[0] !== tag) continue;
    seen.add(tag.toLowerCase());
    tags.push(tag);
  }
  return tags;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** A default text too long for a post, cut at a grapheme (and, where one is near, a word) with an ellipsis. */
function shortenToFit(text: string): string {
  if (fits(text)) return text;
  const parts = Array.from(graphemes.segment(text), (s) => s.segment);
  let low = 0;
  let high = parts.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (fits(`${parts.slice(0, mid).join('').trimEnd()}…`)) low = mid;
    else high = mid - 1;
  }
  const cut = parts.slice(0, low).join('');
  const space = cut.lastIndexOf(' ');
  const atWord = space > cut.length * 0.8 ? cut.slice(0, space) : cut;
  return `${atWord.trimEnd()}…`;
}

const megabytes = (bytes: number) => Math.round((bytes / (1024 * 1024)) * 10) / 10;
