import type { Clip } from '../clips/clip.js';
import type { JobError } from '../jobs/job.js';
import type { PublishPlatform } from '../publishing/publish-platforms.js';
import type { JobEventPayloads } from '../jobs/job.js';
import type { ClipRender } from '../stages/stage-outputs.js';
import type { VideoRecord } from '../videos/video-record.js';
import type { EventEnvelope } from './event-envelope.js';

/** What a stage that stores a result beside the video announces (TranscriptReady, VisionReady…). */
export interface StageResultPayload {
  videoId: string;
  stage: string;
  settingsHash: string;
  [detail: string]: unknown;
}

/** Every event type of the library's log, with its payload: one list for writers and readers. */
export interface LibraryEventPayloads extends JobEventPayloads {
  VideoImported: VideoRecord;
  VideoRemoved: { id: string; sha256: string };
  TranscriptReady: StageResultPayload;
  VisionReady: StageResultPayload;
  CloudVisionReady: StageResultPayload;
  LoudnessMeasured: StageResultPayload;
  ClipsProposed: { videoId: string; platform: string; key: string; clips: Clip[]; replaced: string[] };
  ClipUpdated: { clip: Clip };
  ClipApproved: { clip: Clip };
  ClipRejected: { clip: Clip };
  ClipMoved: { clip: Clip };
  ClipRendered: Omit<ClipRender, 'clipId'> & { clipId: string; videoId: string };
  PostQueued: {
    postId: string;
    clipId: string;
    videoId: string;
    platform: PublishPlatform;
    accountId: string;
    at: string | null;
  };
  PostPublished: {
    postId: string;
    clipId: string;
    platform: PublishPlatform;
    remoteId: string;
    url: string | null;
  };
  PostFailed: { postId: string; clipId: string; platform: PublishPlatform; error: JobError };
  PostCancelled: { postId: string; clipId: string; platform: PublishPlatform };
  /** Its account must be connected again; the post goes out once it is. */
  PostHeld: { postId: string; clipId: string; platform: PublishPlatform; accountId: string; error: JobError };
  PostRescheduled: {
    postId: string;
    clipId: string;
    platform: PublishPlatform;
    from: string | null;
    at: string;
  };
}

export type LibraryEventType = keyof LibraryEventPayloads;

const EVENT_TYPE_NAMES = [
  'VideoImported',
  'VideoRemoved',
  'TranscriptReady',
  'VisionReady',
  'CloudVisionReady',
  'LoudnessMeasured',
  'ClipsProposed',
  'ClipUpdated',
  'ClipApproved',
  'ClipRejected',
  'ClipMoved',
  'ClipRendered',
  'PostQueued',
  'PostPublished',
  'PostFailed',
  'PostCancelled',
  'PostRescheduled',
  'PostHeld',
  'JobEnqueued',
  'JobStarted',
  'JobSucceeded',
  'JobReleased',
  'JobRetryScheduled',
  'JobFailed',
  'JobCancelled',
  'JobRetried',
  'JobDiscarded',
  'JobRescheduled',
] as const satisfies readonly LibraryEventType[];

// Fails to compile when an event type has a payload above but no name in the list.
const everyTypeNamed: Exclude<LibraryEventType, (typeof EVENT_TYPE_NAMES)[number]> extends never
  ? true
  : never = true;
void everyTypeNamed;

/** The names, as values, so code never spells an event type as a bare string. */
export const EVENT = Object.freeze(Object.fromEntries(EVENT_TYPE_NAMES.map((type) => [type, type]))) as {
  readonly [T in LibraryEventType]: T;
};

/** An event of the library's log, typed by its type. */
export type LibraryEvent = {
  [T in LibraryEventType]: EventEnvelope<T, LibraryEventPayloads[T]>;
}[LibraryEventType];

/** The payload type of one event type. */
export type PayloadOf<T extends LibraryEventType> = LibraryEventPayloads[T];
