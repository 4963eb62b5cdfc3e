/** What `kirinuki probe` reports (display width/height are after rotation). */
export interface MediaInfo {
  container: string;
  durationSec: number;
  sizeBytes: number;
  bitRate: number | null;
  video: {
    codec: string;
    width: number;
    height: number;
    fps: number;
    vfr: boolean;
    rotation: number;
    pixFmt: string | null;
    /** A single picture (PNG, JPEG, a cover) rather than moving video. */
    still: boolean;
  } | null;
  audio: { codec: string; sampleRate: number; channels: number } | null;
}
