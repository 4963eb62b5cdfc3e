// The choices the editor offers. The render stage will own the real presets (packages/pipeline
// platforms and caption styles); until it exports them, these names are the contract the UI sends.
export const PLATFORMS = [
  { id: 'tiktok', label: 'TikTok', maxSeconds: 600 },
  { id: 'youtube-shorts', label: 'YouTube Shorts', maxSeconds: 180 },
  { id: 'instagram-reels', label: 'Instagram Reels', maxSeconds: 180 },
  { id: 'x', label: 'X', maxSeconds: 140 },
] as const;

export const CAPTION_STYLES = [
  { id: 'highlight', label: 'Highlight' },
  { id: 'pop', label: 'Pop' },
  { id: 'outline', label: 'Outline' },
  { id: 'plain', label: 'Plain' },
] as const;
