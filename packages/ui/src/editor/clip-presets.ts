import {
  CAPTION_STYLE_LABELS,
  CAPTION_STYLE_NAMES,
  PLATFORM_NAMES,
  PLATFORM_PRESETS,
} from '@kirinuki/contracts';

// The platforms and caption styles the UI offers, by the names the host's render accepts: read
// from the one table in packages/contracts, so the two cannot drift.
export const PLATFORMS = PLATFORM_NAMES.map((id) => ({
  id,
  label: PLATFORM_PRESETS[id].label,
  maxSeconds: PLATFORM_PRESETS[id].allowedDuration.maxSec,
}));

export const CAPTION_STYLES = CAPTION_STYLE_NAMES.map((id) => ({ id, label: CAPTION_STYLE_LABELS[id] }));
