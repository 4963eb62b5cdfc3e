import type { UploadState } from '../platform-client.js';

/** The media an X upload made: its id, key (how posts name it), expiry and size. */
export type XMedia = {
  mediaId: string;
  /** `7_<id>` for a tweet video; null when X did not say (then any key ending in `_<id>` matches). */
  mediaKey: string | null;
  /** Epoch ms after which X forgets the media; null when it did not say. */
  expiresAt: number | null;
  totalBytes: number;
  /** Media of earlier uploads of this post that expired before it was made: a late post may carry one. */
  formerMediaIds: string[];
};

/**
 * Where one X post got to, saved before each next step:
 * `uploading` (media id known, the first `segmentsAcked` segments acknowledged) → `finalizing`
 * (all bytes acknowledged, FINALIZE may have been sent) → `processing` (X is transcoding; poll
 * STATUS) → `ready` (processing succeeded) → `posting` (POST /2/tweets may have been sent: look on
 * the timeline before sending again) → `published`.
 */
export type XState =
  | ({ step: 'uploading'; segmentBytes: number; segmentsAcked: number } & XMedia)
  | ({ step: 'finalizing' } & XMedia)
  | ({ step: 'processing' } & XMedia)
  | ({ step: 'ready' } & XMedia)
  | ({ step: 'posting'; userId: string; username: string; postingSince: number } & XMedia)
  | { step: 'published'; postId: string; username: string };

const isString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isTimeOrNull = (v: unknown) => v === null || (typeof v === 'number' && Number.isFinite(v));

function mediaOf(s: Record<string, unknown>): XMedia | null {
  if (!isString(s.mediaId) || !isCount(s.totalBytes) || !isTimeOrNull(s.expiresAt ?? null)) return null;
  return {
    mediaId: s.mediaId,
    mediaKey: isString(s.mediaKey) ? s.mediaKey : null,
    expiresAt: (s.expiresAt as number | null | undefined) ?? null,
    totalBytes: s.totalBytes,
    formerMediaIds: Array.isArray(s.formerMediaIds) ? s.formerMediaIds.filter(isString) : [],
  };
}

/** The saved state as an X state; null for none or one this client cannot read (a fresh start). */
export function readXState(saved: UploadState | null): XState | null {
  if (!saved) return null;
  if (saved.step === 'published')
    return isString(saved.postId) && isString(saved.username)
      ? { step: 'published', postId: saved.postId, username: saved.username }
      : null;
  const media = mediaOf(saved);
  if (!media) return null;
  switch (saved.step) {
    case 'uploading':
      return isCount(saved.segmentBytes) && saved.segmentBytes > 0 && isCount(saved.segmentsAcked)
        ? {
            step: 'uploading',
            segmentBytes: saved.segmentBytes,
            segmentsAcked: saved.segmentsAcked,
            ...media,
          }
        : null;
    case 'finalizing':
    case 'processing':
    case 'ready':
      return { step: saved.step, ...media };
    case 'posting':
      return isString(saved.userId) && isString(saved.username) && typeof saved.postingSince === 'number'
        ? {
            step: 'posting',
            userId: saved.userId,
            username: saved.username,
            postingSince: saved.postingSince,
            ...media,
          }
        : null;
    default:
      return null;
  }
}

/** Whether a media key a post carries (`<type>_<id>`) names this upload's media or an earlier one's. */
export function isOurMediaKey(key: string, media: XMedia): boolean {
  if (media.mediaKey !== null && key === media.mediaKey) return true;
  const id = key.slice(key.lastIndexOf('_') + 1);
  return id === media.mediaId || media.formerMediaIds.includes(id);
}

/** A media kept for reuse only while it has a minute to spare (the post must name it before it expires). */
export const mediaExpired = (media: XMedia, now: number) =>
  media.expiresAt !== null && now >= media.expiresAt - 60_000;

export const mediaOfState = (state: Exclude<XState, { step: 'published' }>): XMedia => ({
  mediaId: state.mediaId,
  mediaKey: state.mediaKey,
  expiresAt: state.expiresAt,
  totalBytes: state.totalBytes,
  formerMediaIds: state.formerMediaIds,
});
