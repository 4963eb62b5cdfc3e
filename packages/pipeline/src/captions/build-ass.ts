import type { CaptionCue, CaptionWord } from './caption-types.js';
import type { CaptionStyle } from './caption-styles.js';
import { MAX_WORD_SCALE, placeCaptions, type CaptionFrame } from './caption-frame.js';

/** The family name inside the bundled Noto Sans JP TTFs. */
export const CAPTION_FONT_FAMILY = 'Noto Sans JP';

/** "#RRGGBB" + opacity → ASS "&HAABBGGRR" (ASS alpha counts transparency). */
export function assColour(hex: string, opacity = 1): string {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`not a colour: ${hex}`);
  const alpha = Math.round((1 - opacity) * 255);
  const h = (n: number) => n.toString(16).toUpperCase().padStart(2, '0');
  return `&H${h(alpha)}${m[3]}${m[2]}${m[1]}`.toUpperCase();
}

/** Seconds → ASS "H:MM:SS.cc". */
export function assTime(seconds: number): string {
  const cs = Math.max(0, Math.round(seconds * 100));
  const h = Math.floor(cs / 360000);
  const m = Math.floor((cs % 360000) / 6000);
  const s = Math.floor((cs % 6000) / 100);
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}.${String(cs % 100).padStart(2, '0')}`;
}

/** Braces and backslashes would be read as override tags: swap them for look-alikes. */
export function escapeAssText(text: string): string {
  return text.replace(/\\/g, '＼').replace(/\{/g, '（').replace(/\}/g, '）').replace(/\n/g, ' ');
}

type WordState = 'spoken' | 'active' | 'hidden' | 'static';

function wordMarkup(word: CaptionWord, state: WordState, style: CaptionStyle): string {
  const text = escapeAssText(style.uppercase ? word.text.toUpperCase() : word.text);
  const tags: string[] = [];
  if (word.emphasis) tags.push(`\\c${assColour(style.emphasis)}`);
  if (state === 'hidden') tags.push('\\alpha&HFF&');
  if (state === 'active' && style.animation === 'highlight') {
    if (!word.emphasis) tags.push(`\\c${assColour(style.active)}`);
    const pct = Math.round(MAX_WORD_SCALE * 100);
    tags.push(`\\fscx${pct}\\fscy${pct}`);
  }
  if (state === 'active' && style.animation === 'pop') {
    tags.push('\\fscx70\\fscy70\\t(0,90,\\fscx108\\fscy108)\\t(90,160,\\fscx100\\fscy100)');
  }
  return tags.length > 0 ? `{${tags.join('')}}${text}{\\r}` : text;
}

function cueText(cue: CaptionCue, active: number, style: CaptionStyle): string {
  let index = 0;
  return cue.lines
    .map((line) =>
      line
        .map((word, i) => {
          const shown: WordState =
            active < 0
              ? 'static'
              : index === active
                ? 'active'
                : index > active && style.animation === 'pop'
                  ? 'hidden'
                  : 'spoken';
          index += 1;
          return (i > 0 && word.spaceBefore ? ' ' : '') + wordMarkup(word, shown, style);
        })
        .join(''),
    )
    .join('\\N');
}

/** One Dialogue line per state of the cue: per word for animated styles, once for static ones. */
function cueEvents(cue: CaptionCue, style: CaptionStyle): string[] {
  const line = (start: number, end: number, text: string) =>
    `Dialogue: 0,${assTime(start)},${assTime(end)},Caption,,0,0,0,,${text}`;
  if (style.animation === 'static') return [line(cue.start, cue.end, cueText(cue, -1, style))];
  const words = cue.lines.flat();
  const events: string[] = [];
  words.forEach((word, k) => {
    const start = k === 0 ? cue.start : word.start;
    const end = k + 1 < words.length ? (words[k + 1] as CaptionWord).start : cue.end;
    if (Math.round(end * 100) > Math.round(start * 100))
      events.push(line(start, end, cueText(cue, k, style)));
  });
  return events;
}

/** A complete ASS script for the cues, drawn at the output size with the style's look. */
export function buildAss(cues: readonly CaptionCue[], style: CaptionStyle, frame: CaptionFrame): string {
  const place = placeCaptions(style, frame);
  const scale = Math.min(frame.width, frame.height) / 1080;
  const outlineColour = style.box ? assColour(style.box.colour, style.box.opacity) : assColour(style.outline);
  const fields = [
    'Caption',
    CAPTION_FONT_FAMILY,
    place.fontSize,
    assColour(style.text),
    assColour(style.active),
    outlineColour,
    assColour('#000000', 0.55),
    -1,
    0,
    0,
    0,
    100,
    100,
    0,
    0,
    style.box ? 3 : 1,
    Math.round(style.outlineWidth * scale * 10) / 10,
    Math.round(style.shadow * scale * 10) / 10,
    2,
    place.marginX,
    place.marginX,
    place.marginBottom,
    1,
  ];
  return [
    '[Script Info]',
    'ScriptType: v4.00+',
    `PlayResX: ${frame.width}`,
    `PlayResY: ${frame.height}`,
    'WrapStyle: 2',
    'ScaledBorderAndShadow: yes',
    'YCbCr Matrix: TV.709',
    '',
    '[V4+ Styles]',
    'Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding',
    `Style: ${fields.join(',')}`,
    '',
    '[Events]',
    'Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text',
    ...cues.flatMap((cue) => cueEvents(cue, style)),
    '',
  ].join('\n');
}
