import type { CaptionCue } from './caption-types.js';
import { lineText } from './layout-captions.js';

/** Seconds → SRT "HH:MM:SS,mmm". */
export function srtTime(seconds: number): string {
  const ms = Math.max(0, Math.round(seconds * 1000));
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${pad(Math.floor(ms / 3600000))}:${pad(Math.floor((ms % 3600000) / 60000))}:${pad(Math.floor((ms % 60000) / 1000))},${pad(ms % 1000, 3)}`;
}

export function buildSrt(cues: readonly CaptionCue[]): string {
  return cues
    .map(
      (cue, i) =>
        `${i + 1}\n${srtTime(cue.start)} --> ${srtTime(cue.end)}\n${cue.lines.map(lineText).join('\n')}\n`,
    )
    .join('\n');
}
