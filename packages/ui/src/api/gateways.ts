import type {
  AppSettings,
  Clip,
  ClipEdit,
  ClipEditorData,
  ClipWaveform,
  ClipStatus,
  ConnectedAccount,
  Health,
  ImportOutcome,
  PlatformLimits,
  Post,
  PublishRequest,
  ScheduleOutcome,
  ScheduleRequest,
  ProgressEvent,
  SignInStarted,
  SystemReport,
  Timeline,
  Video,
} from './api-types.js';
import type { AppNotification, PublishPlatform } from '@kirinuki/contracts';

// What the screens need from the host, one small interface per domain. The tRPC client
// implements them (trpc-gateways.ts); component tests pass fakes.

export interface LibraryGateway {
  list(): Promise<Video[]>;
  /** The transcript's words and the shots of a video, for the player (empty until made). */
  timeline(videoId: string): Promise<Timeline>;
  importInput(input: string): Promise<ImportOutcome>;
  remove(id: string): Promise<void>;
}

export interface ClipsGateway {
  list(videoId: string): Promise<Clip[]>;
  /** Every video's approved clips (what the calendar can schedule). */
  approved(): Promise<Clip[]>;
  setStatus(ids: string[], status: ClipStatus, position?: number): Promise<Clip[]>;
  reorder(videoId: string, status: ClipStatus, orderedIds: string[]): Promise<Clip[]>;
  update(id: string, edit: ClipEdit): Promise<Clip>;
  /** Caption lines (with the user's edits) and the times the trim handles snap to. */
  editorData(id: string): Promise<ClipEditorData>;
  /** Audio levels around the clip (peaks 0…1 spread over startSec…endSec), for the trim strip. */
  waveform(id: string): Promise<ClipWaveform>;
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

export interface RenderOptions {
  platform?: string;
  style?: string;
  /** A folder on the host (default: the library's exports folder). */
  outDir?: string;
}

/** A rendered clip: where the MP4 (and its cover and SRT) went. */
export interface RenderedFile {
  clipId: string;
  output: string;
  cover: string;
  srt: string;
}

export interface RenderGateway {
  /** Queues the render of a video's approved clips; progress arrives on the jobs feed. */
  renderApproved(videoId: string, options: RenderOptions): Promise<{ jobId: string; clips: number }>;
  /** Renders one clip now (any status) with the given platform and style. */
  renderClip(clipId: string, options: RenderOptions): Promise<RenderedFile>;
  /** The files a finished render job made (null while it runs or when it failed). */
  renderedFiles(jobId: string): Promise<RenderedFile[] | null>;
}

export interface SettingsGateway {
  get(): Promise<AppSettings>;
  set(key: string, value: string | number | boolean): Promise<void>;
  setSecret(name: 'openaiApiKey', value: string | null): Promise<void>;
  health(): Promise<Health>;
  /** GPU, what transcription runs on, and the models (probed on the host: takes a moment). */
  system(): Promise<SystemReport>;
  /**
   * Downloads a model on the host (or takes its files from the host folder `from`); resolves
   * when it is installed. Progress (and cancel, retry) is the feed's job `download-<id>`.
   */
  downloadModel(id: string, options?: { from?: string }): Promise<void>;
}

/** The user's own developer app on a platform, given when connecting (saved by the host). */
export interface DeveloperApp {
  clientId?: string;
  clientSecret?: string;
}

export interface AccountsGateway {
  list(): Promise<ConnectedAccount[]>;
  /**
   * Begins a sign-in on the host: it saves the developer app, listens for the platform's redirect
   * and answers the sign-in page to open (`opened` when the host's desktop opened it already).
   * Instagram takes `redirectUri`, the https address registered with the app.
   */
  beginConnect(
    platform: PublishPlatform,
    app: DeveloperApp & { redirectUri?: string },
  ): Promise<SignInStarted>;
  /**
   * Resolves with the account once the browser came back to the host, or from the address the
   * browser landed on (`redirectedUrl`, pasted by the user). `signal` stops the sign-in.
   */
  finishConnect(
    signInId: string,
    options: { redirectedUrl?: string; signal?: AbortSignal },
  ): Promise<ConnectedAccount>;
  /** Stops a sign-in on the host (closes its listener). */
  cancelConnect(signInId: string): Promise<void>;
  remove(id: string): Promise<void>;
}

export interface PostsGateway {
  list(filter: { clipId?: string; status?: Post['status'][] }): Promise<Post[]>;
  /** What the platform accepts now for this account (privacy options, interactions, durations). */
  limits(accountId: string): Promise<PlatformLimits>;
  /** Records and queues one post per platform; progress then arrives on the jobs feed. */
  publish(request: PublishRequest): Promise<Post[]>;
  /** Records one post per platform that waits for its time; warnings name windows it would exceed. */
  schedule(request: ScheduleRequest): Promise<ScheduleOutcome>;
  /** Moves a scheduled post to another time (ISO 8601 with offset). */
  reschedule(id: string, at: string): Promise<Post>;
  retry(id: string): Promise<Post>;
  cancel(id: string): Promise<Post>;
  /** The ids of a post's jobs on the queue (post-render, publish), to follow them on the feed. */
  jobIds(post: Pick<Post, 'id' | 'videoId'>): Promise<string[]>;
}

/** The host machine's own folder picker and file manager, where it has them. */
export interface DesktopGateway {
  capabilities(): Promise<{ chooseFolder: boolean; revealFile: boolean }>;
  /** The folder the user picked on the host, or null when they cancelled. */
  chooseFolder(title: string): Promise<string | null>;
  /** Shows a file the host made in its file manager. */
  revealFile(path: string): Promise<void>;
}

export interface NotificationsGateway {
  /** The newest notifications first, and how many are unread (of all, not only those listed). */
  list(limit?: number): Promise<{ notifications: AppNotification[]; unread: number }>;
  /** Marks these read (all when `ids` is absent); answers how many stay unread. */
  markRead(ids?: string[]): Promise<{ unread: number }>;
  /** True exactly once per notification across every window and process: who shows it. */
  claimShown(id: string): Promise<boolean>;
  /** Calls `onEvent` for each new notification until the returned function is called. */
  subscribe(onEvent: (notification: AppNotification) => void, onError: (error: unknown) => void): () => void;
  /** The host shows system notifications itself (the Electron app); the page must not. */
  readonly hostShowsSystemNotifications: boolean;
}

export interface Gateways {
  library: LibraryGateway;
  clips: ClipsGateway;
  jobs: JobsGateway;
  render: RenderGateway;
  settings: SettingsGateway;
  desktop: DesktopGateway;
  accounts: AccountsGateway;
  posts: PostsGateway;
  notifications: NotificationsGateway;
}
