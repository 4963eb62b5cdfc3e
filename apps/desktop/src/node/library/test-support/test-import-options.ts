import { resolveFfmpegBinaries } from '@kirinuki/pipeline';
import type { ImportOptions } from '../../stage-services/ingest/import-media.js';

/** What the tests import with: a copy, the bundled ffmpeg, no size limit to speak of, no private URLs. */
export function testImportOptions(): Omit<ImportOptions, 'isKnown'> {
  const bins = resolveFfmpegBinaries();
  return {
    mode: 'copy',
    ffmpeg: bins.ffmpeg.path,
    ffprobe: bins.ffprobe.path,
    maxBytes: 1e10,
    allowPrivateNetwork: false,
  };
}
