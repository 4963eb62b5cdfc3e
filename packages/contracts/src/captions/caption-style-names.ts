/** The caption styles the render knows, by the names the UI, the CLI and stored clips use. */
export const CAPTION_STYLE_NAMES = ['highlight', 'pop', 'boxed', 'minimal'] as const;
export type CaptionStyleName = (typeof CAPTION_STYLE_NAMES)[number];

export const CAPTION_STYLE_LABELS: Readonly<Record<CaptionStyleName, string>> = {
  highlight: 'Word highlight',
  pop: 'Pop-in',
  boxed: 'Boxed',
  minimal: 'Minimal',
};

/** The style new proposals get until the user picks another. */
export const DEFAULT_CAPTION_STYLE: CaptionStyleName = 'highlight';

export function isCaptionStyleName(value: unknown): value is CaptionStyleName {
  return typeof value === 'string' && (CAPTION_STYLE_NAMES as readonly string[]).includes(value);
}
