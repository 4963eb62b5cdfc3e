import type {
  AppSettings,
  Clip,
  ClipEdit,
  ClipStatus,
  Health,
  ImportOutcome,
  ProgressEvent,
  Video,
} from './api-types.js';

// What the screens need from the host, one small interface per domain. The tRPC client
// implements them (trpc-gateways.ts); component tests pass fakes.

export interface LibraryGateway {
  list(): Promise<Video[]>;
  importInput(input: string): Promise<ImportOutcome>;
  remove(id: string): Promise<void>;
}

export interface ClipsGateway {
  list(videoId: string): Promise<Clip[]>;
  setStatus(ids: string[], status: ClipStatus, position?: number): Promise<Clip[]>;
  reorder(videoId: string, status: ClipStatus, orderedIds: string[]): Promise<Clip[]>;
  update(id: string, edit: ClipEdit): Promise<Clip>;
}

export interface JobsGateway {
  /** Calls `onEvent` for every progress report until the returned function is called. */
  subscribe(onEvent: (event: ProgressEvent) => void, onError: (error: unknown) => void): () => void;
  /** The queue's jobs now, as progress reports, for a window that opens mid-way. */
  list?: () => Promise<ProgressEvent[]>;
  /** Absent where the host has no job queue; the UI hides the button then. */
  cancel?: (jobId: string) => Promise<void>;
  retry?: (jobId: string) => Promise<void>;
}

export interface SettingsGateway {
  get(): Promise<AppSettings>;
  set(key: string, value: string | number | boolean): Promise<void>;
  setSecret(name: 'openaiApiKey', value: string | null): Promise<void>;
  health(): Promise<Health>;
}

export interface Gateways {
  library: LibraryGateway;
  clips: ClipsGateway;
  jobs: JobsGateway;
  settings: SettingsGateway;
}
