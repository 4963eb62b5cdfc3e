import type { PublishPlatform } from '@kirinuki/contracts';
import type { PlatformLimits } from '../api/api-types.js';
import { messagesEn, type MessageKey } from '../i18n/messages-en.js';

export type PrivacyOption = NonNullable<PlatformLimits['privacy']>[number];

/** A privacy option in the platform's own words where we know them (TikTok's SELF_ONLY is "Only me"). */
export function privacyLabelKey(platform: PublishPlatform, option: PrivacyOption): MessageKey {
  const own = `privacy.${platform}.${option.value}`;
  return Object.hasOwn(messagesEn, own) ? (own as MessageKey) : (`privacy.${option.choice}` as MessageKey);
}
