import { UserFacingError, type ClipStatus } from '@kirinuki/contracts';
import { clipEditorData } from '../clips/clip-editor-data.js';
import { reorderClips, setClipStatus, updateClip, type ClipEdit } from '../clips/clip-edits.js';
import { clipWaveform } from '../clips/clip-waveform.js';
import { findClip, listClips } from '../clips/clips-repository.js';
import type { HostParts } from '../host/host-parts.js';
import { findVideoById } from '../library/videos-repository.js';

/** The review board's and the editor's use cases: list, inspect, move and edit clips. */
export function createClipsUseCases(parts: HostParts) {
  const { db } = parts.library;
  const requireClip = async (id: string) => {
    const clip = await findClip(db, id);
    if (!clip)
      throw new UserFacingError('NOT_FOUND', `No clip with id ${id}.`, {
        hint: 'Run `kirinuki clips list` to see the clips.',
      });
    return clip;
  };
  const requireClipAndVideo = async (id: string) => {
    const clip = await requireClip(id);
    const video = await findVideoById(db, clip.videoId);
    if (!video)
      throw new UserFacingError('NOT_FOUND', `The video of clip ${id} is no longer in the library.`);
    return { clip, video };
  };
  return {
    list: (filter: { videoId?: string | undefined; status?: ClipStatus | undefined } = {}) =>
      listClips(db, filter),
    get: requireClip,
    /** What the editor needs besides the clip: caption lines (with edits) and snap boundaries. */
    editorData: async (id: string) => {
      const { clip, video } = await requireClipAndVideo(id);
      return clipEditorData(parts.store, video, clip);
    },
    /** The audio levels around a clip, for the trim strip. */
    waveform: async (id: string, signal?: AbortSignal) => {
      const { clip, video } = await requireClipAndVideo(id);
      return clipWaveform(video, clip, signal);
    },
    setStatus: (ids: readonly string[], status: ClipStatus, position?: number) =>
      setClipStatus(db, ids, status, position),
    reorder: (videoId: string, status: ClipStatus, orderedIds: readonly string[]) =>
      reorderClips(db, videoId, status, orderedIds),
    update: async (id: string, edit: ClipEdit) => {
      const clip = await requireClip(id);
      const video = await findVideoById(db, clip.videoId);
      return updateClip(db, id, edit, { videoDurationSec: video?.durationSec ?? clip.end });
    },
  };
}

export type ClipsUseCases = ReturnType<typeof createClipsUseCases>;
