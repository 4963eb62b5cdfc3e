import type { PlatformName } from '../platforms/platform-presets.js';

/** The platforms Kirinuki posts to, by the ids used everywhere (`--to`, settings, the `platform` field). */
export const PUBLISH_PLATFORMS = ['tiktok', 'instagram', 'youtube', 'x'] as const;
export type PublishPlatform = (typeof PUBLISH_PLATFORMS)[number];

export function isPublishPlatform(value: unknown): value is PublishPlatform {
  return typeof value === 'string' && (PUBLISH_PLATFORMS as readonly string[]).includes(value);
}

/** The render preset each platform's post is made with. */
export const PRESET_OF: Readonly<Record<PublishPlatform, PlatformName>> = {
  tiktok: 'tiktok',
  instagram: 'reels',
  youtube: 'shorts',
  x: 'x',
};

export const PUBLISH_PLATFORM_LABELS: Readonly<Record<PublishPlatform, string>> = {
  tiktok: 'TikTok',
  instagram: 'Instagram',
  youtube: 'YouTube',
  x: 'X',
};

/** Privacy as the user names it; each platform maps it to its own values (TikTok `private` is SELF_ONLY). */
export const PRIVACY_CHOICES = ['public', 'unlisted', 'private', 'friends'] as const;
export type PrivacyChoice = (typeof PRIVACY_CHOICES)[number];
