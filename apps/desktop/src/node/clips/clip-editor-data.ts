import { isCaptionStyleName } from '@kirinuki/pipeline/captions/caption-styles';
import { lineText } from '@kirinuki/pipeline/captions/layout-captions';
import { isPlatformName } from '@kirinuki/contracts';
import type { Clip } from '@kirinuki/contracts';
import type { Transcript, VideoRecord, VisionResult } from '@kirinuki/contracts';
import { latestStageResult, type StageResultStore } from '../../common/stage-result-store.js';
import { captionCuesFor } from './caption-cues.js';

/** How far around the clip the editor gets boundaries to snap its handles to, in seconds. */
const BOUNDARY_MARGIN_SEC = 60;

export interface ClipEditorData {
  /** False until the video has a transcript: no captions to show or edit yet. */
  transcribed: boolean;
  /**
   * The caption cues as planned from the transcript (clip time), each with the user's edited
   * text where there is one; edits are saved by this index.
   */
  cues: Array<{ index: number; start: number; end: number; text: string; edited: boolean }>;
  /** Word starts and ends and shot cuts near the clip (video time), for the trim handles. */
  boundaries: Array<{ time: number; kind: 'word-start' | 'word-end' | 'shot' }>;
}

/** What the clip editor shows besides the clip: its caption lines and the times to snap to. */
export async function clipEditorData(
  store: StageResultStore,
  video: VideoRecord,
  clip: Clip,
): Promise<ClipEditorData> {
  const transcript = await latestStageResult<Transcript>(store, video.sha256, 'transcribe');
  const vision = await latestStageResult<VisionResult>(store, video.sha256, 'vision');
  const from = clip.start - BOUNDARY_MARGIN_SEC;
  const to = clip.end + BOUNDARY_MARGIN_SEC;
  const allWords = (transcript?.segments ?? []).flatMap((s) => s.words);
  const boundaries: ClipEditorData['boundaries'] = [
    ...allWords
      .filter((w) => w.end >= from && w.start <= to)
      .flatMap((w) => [
        { time: w.start, kind: 'word-start' as const },
        { time: w.end, kind: 'word-end' as const },
      ]),
    ...(vision?.shots?.cuts ?? [])
      .filter((c) => c.time >= from && c.time <= to)
      .map((c) => ({ time: c.time, kind: 'shot' as const })),
  ].sort((a, b) => a.time - b.time);
  if (!transcript) return { transcribed: false, cues: [], boundaries };
  const style = isCaptionStyleName(clip.style) ? clip.style : 'highlight';
  const platform = isPlatformName(clip.platform) ? clip.platform : 'tiktok';
  const words = allWords.filter((w) => w.end > clip.start && w.start < clip.end);
  // Planned without the edits, so indices are those the edits are saved under.
  const planned = captionCuesFor({ ...clip, captions: [] }, words, style, platform);
  const edits = new Map(clip.captions.map((e) => [e.index, e.text]));
  return {
    transcribed: true,
    cues: planned.map((cue, index) => ({
      index,
      start: cue.start,
      end: cue.end,
      text: edits.get(index) ?? cue.lines.map(lineText).join(' '),
      edited: edits.has(index),
    })),
    boundaries,
  };
}
