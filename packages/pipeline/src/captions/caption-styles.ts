import {
  CAPTION_STYLE_LABELS,
  CAPTION_STYLE_NAMES,
  isCaptionStyleName,
  type CaptionStyleName,
} from '@kirinuki/contracts';

export { CAPTION_STYLE_NAMES, isCaptionStyleName, type CaptionStyleName };
/** How captions animate: the spoken word lit up, words popping in as spoken, or a static cue. */
export type CaptionAnimation = 'highlight' | 'pop' | 'static';

export interface CaptionStyle {
  name: CaptionStyleName;
  label: string;
  animation: CaptionAnimation;
  /** ASS font size (ascent + descent, see EM_PER_FONT_SIZE) at a 1080-px short side; scaled with the output. */
  fontSize: number;
  maxLines: 1 | 2;
  uppercase: boolean;
  /** Colours as #RRGGBB. */
  text: string;
  active: string;
  emphasis: string;
  outline: string;
  outlineWidth: number;
  shadow: number;
  /** An opaque box behind each line (colour #RRGGBB and opacity 0..1), or none. */
  box: { colour: string; opacity: number } | null;
  /** How far above the bottom unsafe area the captions sit, as a share of the output height. */
  lift: number;
}

export const CAPTION_STYLES: Record<CaptionStyleName, CaptionStyle> = {
  highlight: {
    name: 'highlight',
    label: CAPTION_STYLE_LABELS.highlight,
    animation: 'highlight',
    fontSize: 104,
    maxLines: 2,
    uppercase: true,
    text: '#FFFFFF',
    active: '#3DF06A',
    emphasis: '#FFD23F',
    outline: '#000000',
    outlineWidth: 6,
    shadow: 2,
    box: null,
    lift: 0.04,
  },
  pop: {
    name: 'pop',
    label: CAPTION_STYLE_LABELS.pop,
    animation: 'pop',
    fontSize: 112,
    maxLines: 1,
    uppercase: false,
    text: '#FFFFFF',
    active: '#FFFFFF',
    emphasis: '#FF4FA3',
    outline: '#111111',
    outlineWidth: 7,
    shadow: 3,
    box: null,
    lift: 0.06,
  },
  boxed: {
    name: 'boxed',
    label: CAPTION_STYLE_LABELS.boxed,
    animation: 'static',
    fontSize: 84,
    maxLines: 2,
    uppercase: false,
    text: '#111111',
    active: '#111111',
    emphasis: '#D81B60',
    outline: '#FFFFFF',
    outlineWidth: 14,
    shadow: 0,
    box: { colour: '#FFFFFF', opacity: 0.92 },
    lift: 0.03,
  },
  minimal: {
    name: 'minimal',
    label: CAPTION_STYLE_LABELS.minimal,
    animation: 'static',
    fontSize: 66,
    maxLines: 2,
    uppercase: false,
    text: '#FFFFFF',
    active: '#FFFFFF',
    emphasis: '#FFE08A',
    outline: '#000000',
    outlineWidth: 2,
    shadow: 2,
    box: null,
    lift: 0,
  },
};
