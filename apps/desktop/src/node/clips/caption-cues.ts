import type { Clip, PlatformName, TranscriptWord } from '@kirinuki/contracts';
import { placeCaptions } from '@kirinuki/pipeline/captions/caption-frame';
import { CAPTION_STYLES, type CaptionStyleName } from '@kirinuki/pipeline/captions/caption-styles';
import type { CaptionCue } from '@kirinuki/pipeline/captions/caption-types';
import { editCaptionCue } from '@kirinuki/pipeline/captions/edit-caption';
import { planCaptions } from '@kirinuki/pipeline/captions/plan-captions';
import { RENDER_PRESETS } from '@kirinuki/pipeline/render/platform-presets';

/** Captions for the clip: planned from the transcript words, then the user's edited lines applied. */
export function captionCuesFor(
  clip: Clip,
  words: readonly TranscriptWord[],
  style: CaptionStyleName,
  platform: PlatformName,
): CaptionCue[] {
  const preset = RENDER_PRESETS[platform];
  const frame = { width: preset.width, height: preset.height, safe: preset.safe };
  let cues = planCaptions({ words, start: clip.start, end: clip.end, style: CAPTION_STYLES[style], frame });
  const { layout } = placeCaptions(CAPTION_STYLES[style], frame);
  // Later edits first would shift indices when a cue splits; apply from the last line backwards.
  for (const edit of [...clip.captions].sort((a, b) => b.index - a.index)) {
    if (edit.index < cues.length) cues = editCaptionCue(cues, edit.index, edit.text, layout);
  }
  return cues;
}
