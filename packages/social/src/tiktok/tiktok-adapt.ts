import { PLATFORM_PRESETS, UserFacingError, type PostDraft, type PrivacyChoice } from '@kirinuki/contracts';
import type { ClipForPost, PlatformLimits, PlatformPost } from '../platform-client.js';
import {
  PRIVACY_LEVEL_OF,
  TIKTOK_CAPTION_MAX_UTF16,
  TIKTOK_MAX_SIDE_PX,
  TIKTOK_MIN_SIDE_PX,
} from './tiktok-endpoints.js';

const PRESET = PLATFORM_PRESETS.tiktok;
// TikTok takes 9:16 portrait to 16:9 landscape (square between); the API docs name no ratio.
const MIN_ASPECT = 9 / 16;
const MAX_ASPECT = 16 / 9;

/** A caption's length as TikTok counts it: UTF-16 code units (an emoji outside the BMP counts 2). */
export const tiktokLength = (text: string) => text.length;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** The text cut to at most `max` UTF-16 units at a grapheme boundary, with an ellipsis when cut. */
function shortenTo(text: string, max: number): string {
  if (tiktokLength(text) <= max) return text;
  let out = '';
  for (const { segment } of graphemes.segment(text)) {
    if (tiktokLength(out) + segment.length + 1 > max) break;
    out += segment;
  }
  return `${out.trimEnd()}…`;
}

/** `#tag` forms of the clip's keywords: one leading #, no spaces inside (TikTok ends a tag at a space). */
export function hashtagsOf(tags: readonly string[]): string[] {
  const out: string[] = [];
  for (const raw of tags) {
    const word = raw.replace(/\s+/g, '').replace(/^#+/, '');
    if (!word) continue;
    const tag = `#${word}`;
    if (!out.some((t) => t.toLowerCase() === tag.toLowerCase())) out.push(tag);
  }
  return out;
}

/**
 * The caption sent as post_info.title. The user's caption, else the user's title, is sent exactly
 * as given (and must fit); the default is the clip's title and its keywords as hashtags, shortened
 * by us to fit: tags that do not fit are left off, then the title is cut.
 */
export function tiktokCaption(clip: Pick<ClipForPost, 'title' | 'hashtags'>, draft: PostDraft): string {
  const given = [draft.caption, draft.title].find((text) => text !== undefined && text.trim() !== '');
  if (given !== undefined) {
    const length = tiktokLength(given);
    if (length > TIKTOK_CAPTION_MAX_UTF16)
      throw new UserFacingError(
        'POST_DOES_NOT_FIT',
        `The TikTok caption is ${length} characters as TikTok counts them (an emoji counts 2); TikTok takes at most ${TIKTOK_CAPTION_MAX_UTF16}.`,
        { hint: `Shorten the caption by ${length - TIKTOK_CAPTION_MAX_UTF16} characters.` },
      );
    return given;
  }
  let caption = shortenTo(clip.title.trim(), TIKTOK_CAPTION_MAX_UTF16);
  const present = caption.toLowerCase();
  for (const tag of hashtagsOf(clip.hashtags)) {
    if (present.includes(tag.toLowerCase())) continue;
    const next = caption ? `${caption} ${tag}` : tag;
    if (tiktokLength(next) <= TIKTOK_CAPTION_MAX_UTF16) caption = next;
  }
  return caption;
}

const CHOICE_OF_LEVEL = new Map(Object.entries(PRIVACY_LEVEL_OF).map(([choice, level]) => [level, choice]));

/** The privacy choices TikTok offers this account now, from creator_info's privacy_level_options. */
export function privacyChoicesOf(levels: readonly string[]): Array<{ choice: PrivacyChoice; value: string }> {
  return levels.flatMap((level) => {
    const choice = CHOICE_OF_LEVEL.get(level as never) as PrivacyChoice | undefined;
    return choice ? [{ choice, value: level }] : [];
  });
}

/** TikTok's level for the user's choice, only if the creator offers it now; never a default. */
function privacyLevel(draft: PostDraft, limits: PlatformLimits | null): string {
  if (!limits?.privacy)
    throw new UserFacingError(
      'INVALID_ARGUMENT',
      'This TikTok account’s privacy choices are not known: its creator info was not read.',
      { hint: 'Read the account’s limits first (TikTok asks for them before every post), then try again.' },
    );
  const offered = limits.privacy.map((p) => p.choice).join(', ') || 'none';
  const hint = `Choose one of: ${offered}. An app TikTok has not audited can post only as private.`;
  if (!draft.privacy)
    throw new UserFacingError(
      'INVALID_ARGUMENT',
      'TikTok needs a privacy choice for every post; none was given.',
      {
        hint,
      },
    );
  const match = limits.privacy.find((p) => p.choice === draft.privacy);
  if (!match)
    throw new UserFacingError(
      'INVALID_ARGUMENT',
      PRIVACY_LEVEL_OF[draft.privacy]
        ? `TikTok does not offer "${draft.privacy}" for this account now (it offers: ${offered}).`
        : `TikTok has no "${draft.privacy}" posts (it offers: ${offered}).`,
      { hint },
    );
  return match.value;
}

/** Duration, size, picture size and aspect against what TikTok (and this creator) takes. */
function checkVideo(clip: ClipForPost, limits: PlatformLimits | null): void {
  const maxSec = limits?.maxDurationSec ?? PRESET.allowedDuration.maxSec;
  const minSec = PRESET.allowedDuration.minSec;
  const maxBytes = limits?.maxSizeBytes ?? PRESET.maxSizeBytes;
  const doesNotFit = (message: string, hint: string) =>
    new UserFacingError('POST_DOES_NOT_FIT', message, { hint });
  if (clip.durationSec > maxSec)
    throw doesNotFit(
      `The clip is ${clip.durationSec.toFixed(1)} s long; this TikTok account can post up to ${maxSec} s.`,
      `Trim the clip to ${maxSec} s or less.`,
    );
  if (clip.durationSec < minSec)
    throw doesNotFit(
      `The clip is ${clip.durationSec.toFixed(1)} s long; TikTok takes videos of ${minSec} s or more.`,
      `Lengthen the clip to at least ${minSec} s.`,
    );
  if (clip.sizeBytes > maxBytes)
    throw doesNotFit(
      `The rendered clip is ${(clip.sizeBytes / 2 ** 20).toFixed(0)} MiB; TikTok takes up to ${(maxBytes / 2 ** 20).toFixed(0)} MiB.`,
      'Render it at a lower bitrate or trim it.',
    );
  const sides = [clip.width, clip.height];
  if (sides.some((side) => side < TIKTOK_MIN_SIDE_PX || side > TIKTOK_MAX_SIDE_PX))
    throw doesNotFit(
      `The video is ${clip.width}×${clip.height} px; TikTok takes ${TIKTOK_MIN_SIDE_PX} to ${TIKTOK_MAX_SIDE_PX} px on each side.`,
      `Render it with the ${PRESET.label} preset (${PRESET.width}×${PRESET.height}).`,
    );
  const aspect = clip.width / clip.height;
  if (aspect < MIN_ASPECT - 0.01 || aspect > MAX_ASPECT + 0.01)
    throw doesNotFit(
      `The video is ${clip.width}×${clip.height} px; TikTok takes 9:16 portrait to 16:9 landscape.`,
      `Render it with the ${PRESET.label} preset (${PRESET.aspect}).`,
    );
}

/**
 * The clip and the user's draft as a TikTok Direct Post. Pure. Comment, duet and stitch are off
 * unless the user ticked them, and off whatever the user ticked when the creator turned them off.
 */
export function adaptTikTokPost(
  clip: ClipForPost,
  draft: PostDraft,
  limits: PlatformLimits | null,
): PlatformPost {
  const privacy = privacyLevel(draft, limits);
  const commercial = draft.commercial ?? { yourBrand: false, brandedContent: false };
  // TikTok: branded content cannot be private (Content Sharing Guidelines, commercial disclosure).
  if (commercial.brandedContent && privacy === 'SELF_ONLY')
    throw new UserFacingError(
      'INVALID_ARGUMENT',
      'A TikTok post marked as branded content cannot be private.',
      {
        hint: 'Choose another privacy, or do not mark the post as branded content.',
      },
    );
  checkVideo(clip, limits);
  const caption = tiktokCaption(clip, draft);
  return {
    platform: 'tiktok',
    title: caption,
    text: caption,
    privacy,
    options: {
      privacy_level: privacy,
      disable_comment: !draft.allowComments || limits?.commentsDisabled === true,
      disable_duet: !draft.allowDuet || limits?.duetDisabled === true,
      disable_stitch: !draft.allowStitch || limits?.stitchDisabled === true,
      brand_content_toggle: commercial.brandedContent,
      brand_organic_toggle: commercial.yourBrand,
    },
  };
}
