import type { TRPCClient } from '@trpc/client';
import type { AppRouter } from '@kirinuki/desktop/api-types';

/** The typed client of the one AppRouter, whichever link carries it. */
export type ApiClient = TRPCClient<AppRouter>;

type QueryOutput<F> = F extends { query: (...args: never[]) => Promise<infer R> } ? R : never;
type MutationOutput<F> = F extends { mutate: (...args: never[]) => Promise<infer R> } ? R : never;
type MutationInput<F> = F extends { mutate: (input: infer I, ...rest: never[]) => unknown } ? I : never;

export type Video = QueryOutput<ApiClient['library']['list']>['videos'][number];
export type Timeline = QueryOutput<ApiClient['library']['timeline']>;
export type Clip = QueryOutput<ApiClient['clips']['list']>['clips'][number];
export type ClipStatus = Clip['status'];
export type ClipEdit = Omit<MutationInput<ApiClient['clips']['update']>, 'id'>;
export type ClipEditorData = QueryOutput<ApiClient['clips']['editorData']>;
export type ClipWaveform = QueryOutput<ApiClient['clips']['waveform']>;
export type AppSettings = QueryOutput<ApiClient['settings']['get']>;
export type Health = QueryOutput<ApiClient['health']['get']>;
export type SystemReport = QueryOutput<ApiClient['health']['system']>;
export type ImportOutcome = MutationOutput<ApiClient['library']['import']>;
export type ConnectedAccount = QueryOutput<ApiClient['accounts']['list']>['accounts'][number];
/** A sign-in the host began: the page to open (opened already when the host's desktop did) and how it comes back. */
export type SignInStarted = MutationOutput<ApiClient['accounts']['beginConnect']>;
export type Post = QueryOutput<ApiClient['posts']['list']>['posts'][number];
export type PostStatus = Post['status'];
/** What a platform accepts now for one account (TikTok's creator_info: privacy options, interactions). */
export type PlatformLimits = QueryOutput<ApiClient['posts']['limits']>['limits'];
export type PublishRequest = MutationInput<ApiClient['posts']['publish']>;
export type PostDraft = PublishRequest['draft'];
/** A publish request with its time (ISO 8601 with offset, or local in `timezone`). */
export type ScheduleRequest = MutationInput<ApiClient['posts']['schedule']>;
/** The posts a schedule made and the platform windows they would exceed. */
export type ScheduleOutcome = MutationOutput<ApiClient['posts']['schedule']>;

type ProgressOutput = AppRouter['jobs']['progress'] extends { _def: { $types: { output: infer O } } }
  ? O
  : never;

/** One progress report of `jobs.progress`. */
export type ProgressEvent = ProgressOutput extends AsyncIterable<infer E> ? E : never;

export const CLIP_STATUSES = ['proposed', 'approved', 'rejected'] as const satisfies readonly ClipStatus[];
