import { useEffect, useState } from 'react';
import { useStore, type StoreApi } from 'zustand';
import type { Clip, ClipEditorData, ClipWaveform, Video } from '../api/api-types.js';
import { toUserFacingProblem, type UserFacingProblem } from '../api/user-facing-error.js';
import { useHost } from '../app/gateways-context.js';
import { ProblemNotice } from '../app/ProblemNotice.js';
import { RevealFileButton } from '../app/RevealFileButton.js';
import type { BoardState } from '../board/board-store.js';
import { formatNumber, formatTimecode } from '../i18n/format.js';
import { useT } from '../i18n/use-t.js';
import { CAPTION_STYLES, PLATFORMS } from './clip-presets.js';
import { CropPreview } from './CropPreview.js';
import { PresetOptions } from './PresetOptions.js';
import { clampTrim, snapTime, type Boundary } from './snap-time.js';
import { TrimStrip } from './TrimStrip.js';

const NO_BOUNDARIES: readonly Boundary[] = [];
const SNAP_TOLERANCE_SEC = 0.3;

/**
 * What the trim strip spans: the host's waveform window (the clip with room either side), widened
 * to keep both handles in view with a second to spare, inside the video.
 */
export function trimView(
  waveform: Pick<ClipWaveform, 'startSec' | 'endSec'> | null,
  draft: { start: number; end: number },
  clip: Pick<Clip, 'start' | 'end'>,
  duration: number,
): { start: number; end: number } {
  const margin = Math.max(3, 0.5 * (clip.end - clip.start));
  const from = waveform?.startSec ?? clip.start - margin;
  const to = waveform?.endSec ?? clip.end + margin;
  return {
    start: Math.max(0, Math.min(from, draft.start - 1)),
    end: Math.min(duration, Math.max(to, draft.end + 1)),
  };
}

export function ClipEditor({
  store,
  video,
  onPublish,
}: {
  store: StoreApi<BoardState>;
  video: Video | null;
  /** Opens the publish panel for this clip (as saved). */
  onPublish?(clipId: string): void;
}) {
  const { t, locale } = useT();
  const id = useStore(store, (s) => s.editingId);
  const clip = useStore(store, (s) => (s.editingId ? s.clips[s.editingId] : undefined));
  const [draft, setDraft] = useState({ start: 0, end: 0, title: '', style: '', platform: '' });
  const [snap, setSnap] = useState(true);
  const [saved, setSaved] = useState(false);
  const { render, clips: clipsGateway } = useHost();
  // Caption lines and snap boundaries from the host's transcript and shots; asked again after a save.
  const [editorData, setEditorData] = useState<ClipEditorData | null>(null);
  const [lines, setLines] = useState<Record<number, string>>({});
  useEffect(() => {
    if (!id) return;
    let live = true;
    clipsGateway.editorData(id).then(
      (data) => {
        if (!live) return;
        setEditorData(data);
        setLines(Object.fromEntries(data.cues.map((c) => [c.index, c.text])));
      },
      () => live && setEditorData(null),
    );
    return () => {
      live = false;
    };
    // updatedAt changes when the host's answer to a save arrives (not on the optimistic edit).
  }, [id, clip?.updatedAt, clipsGateway]);
  const boundaries = editorData?.boundaries ?? NO_BOUNDARIES;
  // The audio around the clip for the trim strip; asked again when a save moves the clip.
  const [waveform, setWaveform] = useState<ClipWaveform | null>(null);
  useEffect(() => {
    if (!id) return;
    let live = true;
    clipsGateway.waveform(id).then(
      (w) => live && setWaveform(w),
      () => live && setWaveform(null),
    );
    return () => {
      live = false;
    };
  }, [id, clip?.updatedAt, clipsGateway]);
  const [rendering, setRendering] = useState(false);
  const [renderedTo, setRenderedTo] = useState<string | null>(null);
  const [renderProblem, setRenderProblem] = useState<UserFacingProblem | null>(null);
  // The form takes the clip's values when another clip is opened (not on every save echo), while
  // rendering, so its first frame already shows them: no empty field for a keystroke to land in
  // before they arrive.
  const [draftOf, setDraftOf] = useState<string | null>(null);
  if (clip && id && draftOf !== id) {
    setDraftOf(id);
    setDraft({
      start: clip.start,
      end: clip.end,
      title: clip.title,
      style: clip.style,
      platform: clip.platform,
    });
  }
  if (!clip || !id) return null;

  const duration = video?.durationSec ?? Math.max(clip.end, 1);
  const setHandle = (handle: 'start' | 'end', raw: number, snapped = false) => {
    const value = snap && !snapped ? snapTime(raw, boundaries, SNAP_TOLERANCE_SEC) : raw;
    const next = clampTrim(
      handle === 'start' ? value : draft.start,
      handle === 'end' ? value : draft.end,
      handle,
      duration,
    );
    setDraft({ ...draft, ...next });
    setSaved(false);
  };
  const editedLines = (editorData?.cues ?? [])
    .filter((cue) => lines[cue.index] !== undefined && lines[cue.index] !== cue.text)
    .map((cue) => ({ index: cue.index, text: (lines[cue.index] as string).trim() }));
  const captions = editedLines.length
    ? [...clip.captions.filter((e) => !editedLines.some((l) => l.index === e.index)), ...editedLines].sort(
        (a, b) => a.index - b.index,
      )
    : null;
  const changed = {
    ...(captions ? { captions } : {}),
    ...(draft.start !== clip.start ? { start: draft.start } : {}),
    ...(draft.end !== clip.end ? { end: draft.end } : {}),
    ...(draft.title !== clip.title ? { title: draft.title } : {}),
    ...(draft.style !== clip.style ? { style: draft.style } : {}),
    ...(draft.platform !== clip.platform ? { platform: draft.platform } : {}),
  };
  const dirty = Object.keys(changed).length > 0;
  const platform = PLATFORMS.find((p) => p.id === draft.platform);
  /** Renders the saved clip now, with its platform and caption style. */
  const renderNow = () => {
    setRendering(true);
    setRenderProblem(null);
    setRenderedTo(null);
    render
      .renderClip(clip.id, { platform: clip.platform, style: clip.style })
      .then(
        (file) => setRenderedTo(file.output),
        (error: unknown) => setRenderProblem(toUserFacingProblem(error)),
      )
      .finally(() => setRendering(false));
  };
  return (
    <section className="card stack" aria-labelledby="editor-heading" data-testid="clip-editor">
      <div className="row" style={{ justifyContent: 'space-between' }}>
        <h2 id="editor-heading">{t('editor.heading')}</h2>
        <button type="button" className="btn" onClick={() => store.getState().openEditor(null)}>
          {t('editor.close')}
        </button>
      </div>
      <div className="editor">
        <form
          className="editor-fields"
          // The host checks the trim and answers with a message in its words; the browser’s own
          // validation would block the save with a message in the browser’s language instead.
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!dirty) return;
            store.getState().edit(id, changed);
            setSaved(true);
          }}
        >
          <label>
            {t('editor.title')}
            <input
              type="text"
              data-testid="editor-title"
              value={draft.title}
              maxLength={300}
              onChange={(e) => (setDraft({ ...draft, title: e.target.value }), setSaved(false))}
            />
          </label>
          <TrimStrip
            view={trimView(waveform, draft, clip, duration)}
            start={draft.start}
            end={draft.end}
            waveform={waveform}
            boundaries={boundaries}
            snap={snap && boundaries.length > 0}
            onChange={setHandle}
            labels={{ strip: t('editor.trim'), start: t('editor.start'), end: t('editor.end') }}
          />
          <div className="trim">
            {(['start', 'end'] as const).map((handle) => (
              <label key={handle}>
                {t(handle === 'start' ? 'editor.start' : 'editor.end')} · {formatTimecode(draft[handle])}
                <input
                  type="number"
                  data-testid={`trim-${handle}`}
                  aria-label={`${t(handle === 'start' ? 'editor.start' : 'editor.end')} (s)`}
                  min={0}
                  max={duration}
                  step={0.1}
                  value={Number(draft[handle].toFixed(2))}
                  onChange={(e) => setHandle(handle, Number(e.target.value))}
                />
              </label>
            ))}
          </div>
          <label className="checkbox-label">
            <input
              type="checkbox"
              checked={snap && boundaries.length > 0}
              disabled={boundaries.length === 0}
              aria-describedby={boundaries.length === 0 ? 'snap-note' : undefined}
              onChange={(e) => setSnap(e.target.checked)}
            />
            {t('editor.snap')}
          </label>
          {boundaries.length === 0 ? (
            <p id="snap-note" className="muted field-note">
              {t('editor.snap.unavailable')}
            </p>
          ) : null}
          <p className="muted">
            {formatNumber(draft.end - draft.start, locale, 1)} s
            {platform && draft.end - draft.start > platform.maxSeconds
              ? ` · ${platform.label} ≤ ${formatNumber(platform.maxSeconds, locale)} s`
              : ''}
          </p>
          <label>
            {t('editor.style')}
            <select
              data-testid="editor-style"
              value={draft.style}
              onChange={(e) => (setDraft({ ...draft, style: e.target.value }), setSaved(false))}
            >
              <PresetOptions presets={CAPTION_STYLES} current={draft.style} />
            </select>
          </label>
          <label>
            {t('editor.platform')}
            <select
              data-testid="editor-platform"
              value={draft.platform}
              onChange={(e) => (setDraft({ ...draft, platform: e.target.value }), setSaved(false))}
            >
              <PresetOptions presets={PLATFORMS} current={draft.platform} />
            </select>
          </label>
          <fieldset className="stack" style={{ border: 0, padding: 0 }}>
            <legend>{t('editor.captions')}</legend>
            {editorData?.transcribed ? (
              editorData.cues.length ? (
                editorData.cues.map((cue) => (
                  <label key={cue.index} className="caption-line">
                    <span className="muted">
                      {formatTimecode(cue.start)}
                      {cue.edited ? ` · ${t('editor.captions.edited')}` : ''}
                    </span>
                    <input
                      type="text"
                      data-testid="caption-line"
                      value={lines[cue.index] ?? cue.text}
                      onChange={(e) => (setLines({ ...lines, [cue.index]: e.target.value }), setSaved(false))}
                    />
                  </label>
                ))
              ) : (
                <p className="muted">{t('editor.captions.empty')}</p>
              )
            ) : (
              <p className="muted">{t('editor.captions.none')}</p>
            )}
          </fieldset>
          <div className="row">
            <button type="submit" className="btn btn-primary" data-testid="editor-save" disabled={!dirty}>
              {t('editor.save')}
            </button>
            {saved && !dirty ? <span role="status">{t('editor.saved')}</span> : null}
          </div>
          <h3>{t('export.heading')}</h3>
          <div className="row">
            <button
              type="button"
              className="btn"
              data-testid="editor-render"
              disabled={dirty || rendering}
              onClick={renderNow}
            >
              {rendering ? t('export.rendering') : t('export.thisClip')}
            </button>
            {onPublish ? (
              <button
                type="button"
                className="btn btn-primary"
                data-testid="editor-publish"
                disabled={dirty}
                onClick={() => onPublish(clip.id)}
              >
                {t('publish.open')}
              </button>
            ) : null}
          </div>
          {renderProblem ? (
            <ProblemNotice problem={renderProblem} onDismiss={() => setRenderProblem(null)} />
          ) : null}
          {renderedTo ? (
            <div className="row">
              <p role="status" data-testid="editor-rendered">
                {t('export.saved', { path: renderedTo })}
              </p>
              <RevealFileButton path={renderedTo} />
            </div>
          ) : null}
        </form>
        <CropPreview
          label={t('editor.preview')}
          sourceLabel={t('editor.source')}
          caption={clip.text || draft.title}
          style={draft.style}
          sourceAspect={video ? video.width / Math.max(1, video.height) : 16 / 9}
        />
      </div>
    </section>
  );
}
