// The platforms and caption styles the UI offers, by the names the host's render accepts
// (packages/pipeline platforms/platform-presets and captions/caption-styles). The UI does not load
// pipeline code at run time; clip-presets.test.ts fails when these drift from those tables.
export const PLATFORMS = [
  { id: 'tiktok', label: 'TikTok', maxSeconds: 600 },
  { id: 'reels', label: 'Instagram Reels', maxSeconds: 900 },
  { id: 'shorts', label: 'YouTube Shorts', maxSeconds: 180 },
  { id: 'square', label: 'Square', maxSeconds: 3600 },
  { id: 'x', label: 'X', maxSeconds: 140 },
] as const;

export const CAPTION_STYLES = [
  { id: 'highlight', label: 'Word highlight' },
  { id: 'pop', label: 'Pop-in' },
  { id: 'boxed', label: 'Boxed' },
  { id: 'minimal', label: 'Minimal' },
] as const;
