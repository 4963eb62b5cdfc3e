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

/** Whether a video's media is still where its record says, unchanged (linked files can move or be edited). */
export type VideoAvailability = 'ok' | 'missing' | 'changed';
