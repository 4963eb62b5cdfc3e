import { PUBLISH_PLATFORMS, type PrivacyChoice, type PublishPlatform } from '@kirinuki/contracts';
import type { Clip, ConnectedAccount, PlatformLimits, PostDraft, PublishRequest } from '../api/api-types.js';
import {
  countInstagramCaption,
  countTikTokCaption,
  countXText,
  countYouTubeDescription,
  countYouTubeTitle,
  hasAngleBrackets,
  hashtagLine,
  instagramPostText,
  withTagsThatFit,
} from './post-text-limits.js';

/** What the user chose for one platform. Nothing that posts publicly is chosen for them. */
export interface PlatformForm {
  accountId: string | null;
  /** TikTok and YouTube: no default, the user picks one of the offered options. */
  privacy: PrivacyChoice | null;
  /** YouTube's title. */
  title: string;
  /** TikTok's caption, YouTube's description, the X post, the Instagram caption. */
  text: string;
  /** TikTok: never ticked unless the user ticks them. */
  allowComments: boolean;
  allowDuet: boolean;
  allowStitch: boolean;
  /** TikTok's commercial content disclosure: on, then what it promotes. */
  commercial: boolean;
  yourBrand: boolean;
  brandedContent: boolean;
  /** YouTube asks every upload; null until answered. */
  madeForKids: boolean | null;
}

export interface PublishForm {
  /** The platforms to post to, in PUBLISH_PLATFORMS order. */
  chosen: PublishPlatform[];
  fields: Record<PublishPlatform, PlatformForm>;
}

/** A platform's limits as the form has them: still asked, known, or the host could not say. */
export type LimitsState =
  { state: 'loading' } | { state: 'ready'; limits: PlatformLimits } | { state: 'failed' };

export type FormIssue =
  | 'no-account'
  | 'limits-pending'
  | 'limits-failed'
  | 'privacy-required'
  | 'privacy-not-offered'
  | 'branded-not-private'
  | 'commercial-kind-required'
  | 'made-for-kids-required'
  | 'title-required'
  | 'title-too-long'
  | 'text-too-long'
  | 'too-many-hashtags'
  | 'angle-brackets'
  | 'clip-too-long';

export type ClipForForm = Pick<Clip, 'title' | 'text' | 'hashtags' | 'duration'>;

/** YouTube's privacy statuses where the host sends none (it has no "friends"). */
export const YOUTUBE_PRIVACY: NonNullable<PlatformLimits['privacy']> = [
  { choice: 'public', value: 'public' },
  { choice: 'unlisted', value: 'unlisted' },
  { choice: 'private', value: 'private' },
];

/** The accounts a post can go to now (one needing a reconnect cannot post). */
export const usableAccounts = (accounts: readonly ConnectedAccount[], platform: PublishPlatform) =>
  accounts.filter((a) => a.platform === platform && a.status === 'connected');

/** The form as it opens: texts made from the clip's title, text and hashtags; no choices made. */
export function initialForm(clip: ClipForForm, accounts: readonly ConnectedAccount[]): PublishForm {
  const title = clip.title.trim();
  const tags = hashtagLine(clip.hashtags);
  const joined = (...parts: string[]) => parts.filter(Boolean).join('\n\n');
  const text: Record<PublishPlatform, string> = {
    tiktok: joined(title, tags),
    instagram: joined(title, tags),
    youtube: joined(clip.text.trim(), tags),
    x: withTagsThatFit(title, tags, (t) => !countXText(t).over),
  };
  const fields = Object.fromEntries(
    PUBLISH_PLATFORMS.map((platform) => [
      platform,
      {
        accountId: usableAccounts(accounts, platform)[0]?.id ?? null,
        privacy: null,
        title: platform === 'youtube' ? title : '',
        text: text[platform],
        allowComments: false,
        allowDuet: false,
        allowStitch: false,
        commercial: false,
        yourBrand: false,
        brandedContent: false,
        madeForKids: null,
      } satisfies PlatformForm,
    ]),
  ) as Record<PublishPlatform, PlatformForm>;
  return { chosen: [], fields };
}

export function toggleChosen(form: PublishForm, platform: PublishPlatform, on: boolean): PublishForm {
  const chosen = new Set(form.chosen);
  if (on) chosen.add(platform);
  else chosen.delete(platform);
  return { ...form, chosen: PUBLISH_PLATFORMS.filter((p) => chosen.has(p)) };
}

export function editFields(form: PublishForm, platform: PublishPlatform, edit: Partial<PlatformForm>) {
  return { ...form, fields: { ...form.fields, [platform]: { ...form.fields[platform], ...edit } } };
}

/** The privacy options a platform offers this account now; TikTok offers only what creator_info says. */
export function privacyOptions(platform: PublishPlatform, limits: PlatformLimits | null) {
  if (platform === 'tiktok') return limits?.privacy ?? [];
  if (platform === 'youtube') return limits?.privacy ?? YOUTUBE_PRIVACY;
  return null;
}

/** What still stops one platform's post, in the order the form shows its fields. */
export function issuesOf(
  platform: PublishPlatform,
  form: PlatformForm,
  limitsState: LimitsState | undefined,
  clip: Pick<ClipForForm, 'duration'>,
): FormIssue[] {
  if (!form.accountId) return ['no-account'];
  if (!limitsState || limitsState.state === 'loading') return ['limits-pending'];
  if (limitsState.state === 'failed') return ['limits-failed'];
  const { limits } = limitsState;
  const issues: FormIssue[] = [];
  if (clip.duration > limits.maxDurationSec) issues.push('clip-too-long');
  const options = privacyOptions(platform, limits);
  if (options) {
    if (!form.privacy) issues.push('privacy-required');
    else if (!options.some((o) => o.choice === form.privacy)) issues.push('privacy-not-offered');
  }
  if (platform === 'tiktok') {
    if (form.commercial && !form.yourBrand && !form.brandedContent) issues.push('commercial-kind-required');
    // TikTok: branded content cannot be private ("Only me").
    if (form.commercial && form.brandedContent && form.privacy === 'private')
      issues.push('branded-not-private');
    if (countTikTokCaption(form.text).over) issues.push('text-too-long');
  }
  if (platform === 'youtube') {
    if (!form.title.trim()) issues.push('title-required');
    else if (countYouTubeTitle(form.title).over) issues.push('title-too-long');
    if (countYouTubeDescription(form.text).over) issues.push('text-too-long');
    if (hasAngleBrackets(form.title) || hasAngleBrackets(form.text)) issues.push('angle-brackets');
    if (form.madeForKids === null) issues.push('made-for-kids-required');
  }
  if (platform === 'x' && countXText(form.text).over) issues.push('text-too-long');
  if (platform === 'instagram') {
    const counted = countInstagramCaption(form.text);
    if (counted.chars.over) issues.push('text-too-long');
    if (counted.hashtags.over) issues.push('too-many-hashtags');
  }
  return issues;
}

/** Every chosen platform's issues; the form can be sent when a platform is chosen and none has any. */
export function formIssues(
  form: PublishForm,
  limits: Partial<Record<PublishPlatform, LimitsState>>,
  clip: Pick<ClipForForm, 'duration'>,
): { byPlatform: Partial<Record<PublishPlatform, FormIssue[]>>; ready: boolean } {
  const byPlatform = Object.fromEntries(
    form.chosen.map((p) => [p, issuesOf(p, form.fields[p], limits[p], clip)]),
  ) as Partial<Record<PublishPlatform, FormIssue[]>>;
  const ready = form.chosen.length > 0 && Object.values(byPlatform).every((issues) => !issues?.length);
  return { byPlatform, ready };
}

/** One platform's choices as the draft the host's adapter reads. */
export function draftOf(
  platform: PublishPlatform,
  form: PlatformForm,
  limits: PlatformLimits | null,
): PostDraft {
  switch (platform) {
    case 'tiktok':
      return {
        // TikTok's one text is its post_info.title (the caption): both fields carry it.
        title: form.text,
        caption: form.text,
        ...(form.privacy ? { privacy: form.privacy } : {}),
        allowComments: form.allowComments && !limits?.commentsDisabled,
        allowDuet: form.allowDuet && !limits?.duetDisabled,
        allowStitch: form.allowStitch && !limits?.stitchDisabled,
        commercial: {
          yourBrand: form.commercial && form.yourBrand,
          brandedContent: form.commercial && form.brandedContent,
        },
      };
    case 'youtube':
      return {
        title: form.title,
        caption: form.text,
        ...(form.privacy ? { privacy: form.privacy } : {}),
        ...(form.madeForKids === null ? {} : { madeForKids: form.madeForKids }),
      };
    case 'x':
    case 'instagram':
      return { caption: form.text };
  }
}

/** The form as one publish request: each platform with its own account and draft. */
export function toPublishRequest(
  clipId: string,
  form: PublishForm,
  limits: Partial<Record<PublishPlatform, LimitsState>>,
  idempotencyKey: string,
): PublishRequest {
  const per: NonNullable<PublishRequest['per']> = {};
  for (const platform of form.chosen) {
    const fields = form.fields[platform];
    const state = limits[platform];
    per[platform] = {
      ...(fields.accountId ? { accountId: fields.accountId } : {}),
      draft: draftOf(platform, fields, state?.state === 'ready' ? state.limits : null),
    };
  }
  return { clipId, to: [...form.chosen], draft: {}, per, idempotencyKey };
}

/** A key naming one publish: sent again (a double click, a retry after a lost answer), the host posts once. */
export function newIdempotencyKey(
  random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b),
) {
  // getRandomValues, not randomUUID: the page may be served over plain http on a LAN (no secure context).
  const bytes = random(new Uint8Array(16));
  return `ui-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** The text as it will post on a platform (YouTube's title apart from its description). */
export function postedText(
  platform: PublishPlatform,
  form: PlatformForm,
  clip: Pick<ClipForForm, 'hashtags'>,
): { title?: string; text: string } {
  if (platform === 'youtube') return { title: form.title, text: form.text };
  if (platform === 'instagram') return { text: instagramPostText(form.text, clip.hashtags) };
  return { text: form.text };
}
