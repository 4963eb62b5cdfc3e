export type { Transcript, TranscriptSegment, TranscriptWord } from '@kirinuki/contracts';

export interface TranscribeProgress {
  fraction: number;
  stage: string;
  etaSec: number | null;
}
