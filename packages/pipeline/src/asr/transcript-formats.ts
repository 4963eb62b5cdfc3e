import type { Transcript } from './transcript.js';

export type TranscriptFormat = 'json' | 'srt' | 'vtt' | 'txt';
export const TRANSCRIPT_FORMATS: readonly TranscriptFormat[] = ['json', 'srt', 'vtt', 'txt'];

/** 3723.004 → "01:02:03,004" (SRT) or "01:02:03.004" (VTT). */
export function formatTimestamp(seconds: number, separator: ',' | '.'): string {
  const ms = Math.max(0, Math.round(seconds * 1000));
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const s = Math.floor((ms % 60_000) / 1000);
  return `${pad(h)}:${pad(m)}:${pad(s)}${separator}${pad(ms % 1000, 3)}`;
}

const cueText = (text: string) => text.replace(/\s*\n\s*/g, ' ').trim();

export function toSrt(transcript: Transcript): string {
  return transcript.segments
    .map(
      (s, i) =>
        `${i + 1}\n${formatTimestamp(s.start, ',')} --> ${formatTimestamp(s.end, ',')}\n${cueText(s.text)}\n`,
    )
    .join('\n');
}

export function toVtt(transcript: Transcript): string {
  const cues = transcript.segments.map(
    (s) =>
      `${formatTimestamp(s.start, '.')} --> ${formatTimestamp(s.end, '.')}\n${cueText(s.text).replace(/-->/g, '->')}\n`,
  );
  return ['WEBVTT\n', ...cues].join('\n');
}

export function toTxt(transcript: Transcript): string {
  return (
    transcript.segments.map((s) => cueText(s.text)).join('\n') + (transcript.segments.length ? '\n' : '')
  );
}

export function formatTranscript(transcript: Transcript, format: TranscriptFormat): string {
  if (format === 'srt') return toSrt(transcript);
  if (format === 'vtt') return toVtt(transcript);
  if (format === 'txt') return toTxt(transcript);
  return `${JSON.stringify(transcript, null, 2)}\n`;
}
