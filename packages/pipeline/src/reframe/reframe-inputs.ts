import type { Shot, ShotCut, TrackBox } from '@kirinuki/contracts';

export type { FaceTrack, FaceTracks } from '@kirinuki/contracts';

/** A face box from the vision stage, normalised to the display-oriented frame (0..1). */
export type FaceBox = TrackBox;

/** What reframing reads of the shots: where they start and end, and the kind of each cut. */
export interface ShotBounds {
  shots: Array<Pick<Shot, 'index' | 'start' | 'end'>>;
  cuts: Array<Pick<ShotCut, 'time'> & { kind: string }>;
}

/** What to show when a shot has no subject to follow. */
export type NoSubjectFallback = 'center' | 'blur';
