import type { Clip, ClipEditorData, ClipStatus, ClipWaveform } from '../api/api-types.js';
import type { ClipsGateway } from '../api/gateways.js';

/** A clip for tests; `n` picks its rank, id, times and title. */
export function makeClip(n: number, over: Partial<Clip> = {}): Clip {
  return {
    id: `c${n}`,
    videoId: 'v1',
    rank: n,
    start: n * 10,
    end: n * 10 + 30,
    duration: 30,
    score: 90 - n,
    reasons: ['strong hook', 'complete thought'],
    text: `Clip ${n} text`,
    title: `Clip ${n}`,
    hashtags: [],
    status: 'proposed',
    position: n,
    platform: 'tiktok',
    style: 'highlight',
    captions: [],
    features: {},
    createdAt: '2026-11-28T10:00:00.000Z',
    updatedAt: '2026-11-28T10:00:00.000Z',
    ...over,
  };
}

/** An in-memory host with the clips router's semantics (setStatus appends, reorder is exact). */
export class FakeClipsGateway implements ClipsGateway {
  clips: Clip[];
  calls: string[] = [];
  failNext: Error | null = null;

  constructor(clips: Clip[]) {
    this.clips = clips.map((c) => ({ ...c }));
  }

  private check(call: string) {
    this.calls.push(call);
    if (this.failNext) {
      const error = this.failNext;
      this.failNext = null;
      throw error;
    }
  }

  lane(status: ClipStatus): string[] {
    return this.clips
      .filter((c) => c.status === status)
      .sort((a, b) => a.position - b.position)
      .map((c) => c.id);
  }

  private renumber(status: ClipStatus, ordered: string[]) {
    ordered.forEach((id, position) => {
      const clip = this.clips.find((c) => c.id === id)!;
      clip.status = status;
      clip.position = position;
    });
  }

  /** What editorData answers: the transcript's caption lines (with edits applied by index). */
  editor: { transcribed: boolean; lines: string[]; boundaries: ClipEditorData['boundaries'] } = {
    transcribed: false,
    lines: [],
    boundaries: [],
  };

  async editorData(id: string): Promise<ClipEditorData> {
    this.calls.push(`editorData ${id}`);
    const clip = this.clips.find((c) => c.id === id)!;
    const edits = new Map(clip.captions.map((e) => [e.index, e.text]));
    return {
      transcribed: this.editor.transcribed,
      cues: this.editor.lines.map((text, index) => ({
        index,
        start: index,
        end: index + 1,
        text: edits.get(index) ?? text,
        edited: edits.has(index),
      })),
      boundaries: this.editor.boundaries,
    };
  }

  /** What waveform answers: a window around the clip with these peaks (default: none). */
  peaks: number[] = [];

  async waveform(id: string): Promise<ClipWaveform> {
    this.calls.push(`waveform ${id}`);
    const clip = this.clips.find((c) => c.id === id)!;
    return { startSec: Math.max(0, clip.start - 5), endSec: clip.end + 5, peaks: this.peaks };
  }

  async list(videoId: string) {
    this.calls.push(`list ${videoId}`);
    return this.clips.filter((c) => c.videoId === videoId).map((c) => ({ ...c }));
  }

  async approved() {
    this.calls.push('approved');
    return this.clips.filter((c) => c.status === 'approved').map((c) => ({ ...c }));
  }

  async setStatus(ids: string[], status: ClipStatus, position?: number) {
    this.check(`setStatus ${ids.join(',')} ${status}`);
    const left = new Set(this.clips.filter((c) => ids.includes(c.id)).map((c) => c.status));
    const lane = this.lane(status).filter((id) => !ids.includes(id));
    const at = position ?? lane.length;
    for (const id of ids) this.clips.find((c) => c.id === id)!.status = status;
    this.renumber(status, [...lane.slice(0, at), ...ids, ...lane.slice(at)]);
    for (const s of left) if (s !== status) this.renumber(s, this.lane(s));
    return this.clips.map((c) => ({ ...c }));
  }

  async reorder(_videoId: string, status: ClipStatus, orderedIds: string[]) {
    this.check(`reorder ${status} ${orderedIds.join(',')}`);
    if ([...orderedIds].sort().join() !== this.lane(status).sort().join()) throw new Error('bad order');
    this.renumber(status, orderedIds);
    return this.clips.map((c) => ({ ...c }));
  }

  async update(id: string, edit: Parameters<ClipsGateway['update']>[1]) {
    this.check(`update ${id} ${JSON.stringify(edit)}`);
    const clip = this.clips.find((c) => c.id === id)!;
    Object.assign(clip, Object.fromEntries(Object.entries(edit).filter(([, v]) => v !== undefined)));
    clip.updatedAt = new Date(Date.parse(clip.updatedAt) + 1000).toISOString(); // as the host does
    return { ...clip };
  }
}
