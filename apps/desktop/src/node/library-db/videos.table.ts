/** Read model of the library's videos (a projection of the event log). */
export interface VideosTable {
  id: string;
  sha256: string;
  title: string;
  /** The path or URL the user imported from. */
  source: string;
  /** 'copy': a content-addressed copy in the library; 'link': the user's file, referenced in place. */
  storage: 'copy' | 'link';
  /** Where the media is read from now. */
  path: string;
  durationSec: number;
  width: number;
  height: number;
  fps: number;
  hasAudio: number;
  sizeBytes: number;
  /** mtime of the file at import (for noticing a linked file changed). */
  mtimeMs: number;
  /** MediaInfo JSON. */
  mediaInfo: string;
  createdAt: string;
}
