export type ClipStatus = 'proposed' | 'approved' | 'rejected';

/** A proposed clip as the segmenter makes it (before it is stored). */
export interface ClipProposal {
  rank: number;
  start: number;
  end: number;
  duration: number;
  score: number;
  reasons: string[];
  text: string;
  title: string;
  hashtags: string[];
  /** The measures behind the score (JSON), for the UI and for tuning. */
  features?: object;
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

export type ClipEvent =
  | {
      type: 'ClipsProposed';
      aggregateId: string;
      payload: { videoId: string; platform: string; key: string; clips: Clip[]; replaced: string[] };
    }
  | { type: 'ClipUpdated'; aggregateId: string; payload: { clip: Clip } }
  | { type: 'ClipApproved'; aggregateId: string; payload: { clip: Clip } }
  | { type: 'ClipRejected'; aggregateId: string; payload: { clip: Clip } }
  | { type: 'ClipMoved'; aggregateId: string; payload: { clip: Clip } };

/** The event a status change is recorded as. */
export function statusEventType(status: ClipStatus): 'ClipApproved' | 'ClipRejected' | 'ClipMoved' {
  return status === 'approved' ? 'ClipApproved' : status === 'rejected' ? 'ClipRejected' : 'ClipMoved';
}
