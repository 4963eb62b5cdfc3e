/** A video as the library's read model and the CLI show it. */
export interface VideoRecord {
  id: string;
  sha256: string;
  title: string;
  source: string;
  storage: 'copy' | 'link';
  path: string;
  durationSec: number;
  width: number;
  height: number;
  fps: number;
  hasAudio: boolean;
  sizeBytes: number;
  mtimeMs: number;
  createdAt: string;
  /** MediaInfo from the probe at import. */
  mediaInfo: unknown;
}

export type LibraryEvent =
  | { type: 'VideoImported'; aggregateId: string; payload: VideoRecord }
  | { type: 'VideoRemoved'; aggregateId: string; payload: { id: string; sha256: string } };

export interface StoredEvent<E extends { type: string; payload: unknown } = LibraryEvent> {
  id: string;
  type: E['type'];
  aggregateId: string;
  at: string;
  payload: E['payload'];
}
