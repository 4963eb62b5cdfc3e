export type ClipStatus = 'proposed' | 'approved' | 'rejected';

export const CLIP_STATUSES = ['proposed', 'approved', 'rejected'] as const satisfies readonly ClipStatus[];

/**
 * A clip as clip finding proposes it (before it is stored). `features` are the measures behind the
 * score, for the UI and for tuning; the segmenter fills them with its own typed measures.
 */
export interface ClipProposal<F extends object = object> {
  /** 1 = best. */
  rank: number;
  start: number;
  end: number;
  duration: number;
  /** 0–100, rounded to a whole number. */
  score: number;
  reasons: string[];
  text: string;
  title: string;
  hashtags: string[];
  features?: F;
}

/** A stored clip: the read model the board, the CLI and the renderer use. */
export interface Clip extends Omit<ClipProposal, 'features'> {
  id: string;
  videoId: string;
  status: ClipStatus;
  /** Order within its lane (status), 0 first. */
  position: number;
  platform: string;
  style: string;
  /** Caption lines whose text the user edited (timings are kept). */
  captions: Array<{ index: number; text: string }>;
  features: object;
  createdAt: string;
  updatedAt: string;
}

/** The event a status change is recorded as. */
export function statusEventType(status: ClipStatus): 'ClipApproved' | 'ClipRejected' | 'ClipMoved' {
  return status === 'approved' ? 'ClipApproved' : status === 'rejected' ? 'ClipRejected' : 'ClipMoved';
}

/**
 * What a render of the clip is made from (its span and edited caption lines; the style and preset
 * are kept beside it). A render whose key differs from the clip's is stale; a move or an approval
 * changes no key, so it keeps the clip's renders.
 */
export function clipRenderKey(clip: Pick<Clip, 'start' | 'end' | 'captions'>): string {
  const captions = [...clip.captions].sort((a, b) => a.index - b.index);
  return JSON.stringify([clip.start, clip.end, captions.map((c) => [c.index, c.text])]);
}
