import { vi } from 'vitest';
import type { ProgressEvent, Video } from '../api/api-types.js';
import type { Host } from '../app/gateways-context.js';
import { FakeClipsGateway } from './fake-clips-gateway.js';
import { fakeNotifications } from './fake-notifications.js';
import { fakePublishing } from './fake-publishing.js';
import { SETTING_DEFAULTS } from '@kirinuki/contracts';

export function makeVideo(over: Partial<Video> = {}): Video {
  return {
    id: 'v1',
    sha256: 'abc',
    title: 'Podcast episode 12',
    source: '/media/ep12.mp4',
    storage: 'copy',
    path: '/lib/v1/ep12.mp4',
    durationSec: 3725,
    width: 1920,
    height: 1080,
    fps: 30,
    hasAudio: true,
    sizeBytes: 1_234_000_000,
    createdAt: '2026-11-28T09:30:00.000Z',
    availability: 'ok',
    status: 'ready',
    ...over,
  } as Video;
}

/** A host in memory: a library of videos, clips, and a progress feed the test can push to. */
export function fakeHost(
  options: {
    videos?: Video[];
    clips?: FakeClipsGateway;
    publishing?: ReturnType<typeof fakePublishing>;
    notifications?: ReturnType<typeof fakeNotifications>;
  } = {},
) {
  const videos = [...(options.videos ?? [])];
  const publishing = options.publishing ?? fakePublishing();
  const notifications = options.notifications ?? fakeNotifications();
  const listeners = new Set<(event: ProgressEvent) => void>();
  const host = {
    library: {
      list: vi.fn(async () => [...videos]),
      timeline: vi.fn(async (_id: string) => ({
        durationSec: 60,
        transcribed: true,
        words: [
          { start: 1, end: 1.4, word: ' Hello' },
          { start: 1.5, end: 2, word: ' world' },
        ],
        shots: [
          { index: 0, start: 0, end: 30 },
          { index: 1, start: 30, end: 60 },
        ],
      })),
      importInput: vi.fn(async (input: string) => {
        const video = makeVideo({ id: `v${videos.length + 1}`, title: input.split('/').pop() ?? input });
        videos.push(video);
        return { video, alreadyImported: false, warnings: [] };
      }),
      remove: vi.fn(async () => undefined),
    },
    clips: options.clips ?? new FakeClipsGateway([]),
    jobs: {
      subscribe: (onEvent: (event: ProgressEvent) => void) => {
        listeners.add(onEvent);
        return () => listeners.delete(onEvent);
      },
      cancel: vi.fn(async () => undefined),
      retry: vi.fn(async () => undefined),
    },
    render: {
      renderApproved: vi.fn(
        async (_videoId: string, _options: { platform?: string; style?: string; outDir?: string }) => ({
          jobId: 'render-job',
          clips: 1,
        }),
      ),
      renderClip: vi.fn(async (clipId: string, _options: { platform?: string; style?: string }) => ({
        clipId,
        output: `/lib/exports/${clipId}.mp4`,
        cover: `/lib/exports/${clipId}.jpg`,
        srt: `/lib/exports/${clipId}.srt`,
      })),
      renderedFiles: vi.fn(async (_jobId: string) => [
        {
          clipId: 'c1',
          output: '/lib/exports/clip-1.mp4',
          cover: '/lib/exports/clip-1.jpg',
          srt: '/lib/exports/clip-1.srt',
        },
      ]),
    },
    desktop: {
      capabilities: vi.fn(async () => ({ chooseFolder: true, revealFile: true })),
      chooseFolder: vi.fn(async (_title: string): Promise<string | null> => '/home/me/Clips'),
      revealFile: vi.fn(async (_path: string) => undefined),
    },
    settings: {
      get: vi.fn(async () => ({
        settings: { ...SETTING_DEFAULTS },
        secrets: { openaiApiKey: false },
      })),
      set: vi.fn(async () => undefined),
      setSecret: vi.fn(async () => undefined),
      downloadModel: vi.fn(async (_id: string, _options?: { from?: string }): Promise<void> => undefined),
      system: vi.fn(async () => ({
        gpu: null,
        providers: ['cpu' as const],
        asr: {
          backend: 'local',
          model: 'whisper-tiny.en-int8',
          language: 'en',
          provider: 'cpu',
          reason: 'no GPU provider loads here (tried cuda); running on CPU',
          threads: 0,
        },
        models: [
          {
            id: 'whisper-tiny.en-int8',
            description: '',
            license: 'MIT',
            languages: ['en'],
            format: 'ort-whisper-beamsearch',
            transcription: true,
            sizeBytes: 74_000_000,
            ready: true,
            downloadable: false,
          },
          {
            id: 'whisper-base',
            description: '',
            license: 'MIT',
            languages: ['en', 'ja', 'de'],
            format: 'onnx-whisper-seq2seq',
            transcription: true,
            sizeBytes: 290_000_000,
            ready: false,
            downloadable: true,
          },
        ],
      })),
      health: vi.fn(async () => ({
        status: 'ok' as const,
        version: '0.1.0',
        node: '22.0.0',
        library: '/home/me/Kirinuki',
      })),
    },
    media: {
      videoUrl: (id: string) => `http://host.test/media/${id}`,
      thumbnailUrl: (id: string) => `http://host.test/media/${id}/thumbnail.jpg`,
    },
    files: { pathForDroppedFile: vi.fn(async (file: File) => `/tmp/upload/${file.name}`) },
    ...publishing.gateways,
    notifications: notifications.gateway,
  } satisfies Host;
  const emit = (event: ProgressEvent) => listeners.forEach((listener) => listener(event));
  return { host, emit, videos, publishing, notifications };
}
