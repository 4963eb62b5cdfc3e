import { PUBLISH_PLATFORMS, type PublishPlatform } from '@kirinuki/contracts';

/**
 * Local hours that commonly do well per platform (the schedulers' usual defaults: evenings for
 * TikTok, lunch and early evening for Instagram, mid-afternoon for YouTube, commute hours for X).
 * A hint on the week view, never a rule.
 */
export const SUGGESTED_HOURS: Readonly<Record<PublishPlatform, readonly number[]>> = {
  tiktok: [19],
  instagram: [12, 18],
  youtube: [15],
  x: [9, 17],
};

/** The platforms whose suggested hour this is, in PUBLISH_PLATFORMS order. */
export function suggestedFor(hour: number): PublishPlatform[] {
  return PUBLISH_PLATFORMS.filter((p) => SUGGESTED_HOURS[p].includes(hour));
}
