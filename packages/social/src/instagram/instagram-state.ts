import { UserFacingError } from '@kirinuki/contracts';
import type { UploadState } from '../platform-client.js';

/**
 * Where one Instagram publish is, saved before each next step:
 * - `uploading`: the container exists; `bytesAcked` of the file are on the upload host.
 * - `processing`: every byte is acknowledged; Instagram is making the reel.
 * - `publishing`: media_publish is about to be sent (or was): from here only the platform can say
 *   whether the reel exists, so a resume asks the container before anything else.
 * - `published`: the media id is known; only the link is left to read.
 * - `restart`: the container expired or failed unpublished; a new one is to be made.
 * `retired` lists containers given up unpublished, for the record.
 */
export type InstagramUploadState =
  | {
      step: 'uploading';
      containerId: string;
      uri: string | null;
      fileSize: number;
      bytesAcked: number;
      retired: string[];
    }
  | { step: 'processing'; containerId: string; fileSize: number; retired: string[] }
  | { step: 'publishing'; containerId: string; fileSize: number; publishSentAt: number; retired: string[] }
  | { step: 'published'; containerId: string; mediaId: string; retired: string[] }
  | { step: 'restart'; retired: string[] };

const isId = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/** A saved state read back; one that is not Instagram's is refused (guessing could post twice). */
export function readUploadState(state: UploadState | null): InstagramUploadState | null {
  if (!state) return null;
  const s = state as Record<string, unknown>;
  const retired = Array.isArray(s.retired) ? s.retired.filter(isId) : [];
  const base = { containerId: s.containerId, retired };
  let read: InstagramUploadState | null = null;
  if (s.step === 'uploading' && isId(base.containerId) && isCount(s.fileSize) && isCount(s.bytesAcked))
    read = {
      step: 'uploading',
      containerId: base.containerId,
      uri: typeof s.uri === 'string' ? s.uri : null,
      fileSize: s.fileSize,
      bytesAcked: Math.min(s.bytesAcked, s.fileSize),
      retired,
    };
  else if (s.step === 'processing' && isId(base.containerId) && isCount(s.fileSize))
    read = { step: 'processing', containerId: base.containerId, fileSize: s.fileSize, retired };
  else if (
    s.step === 'publishing' &&
    isId(base.containerId) &&
    isCount(s.fileSize) &&
    isCount(s.publishSentAt)
  )
    read = {
      step: 'publishing',
      containerId: base.containerId,
      fileSize: s.fileSize,
      publishSentAt: s.publishSentAt,
      retired,
    };
  else if (s.step === 'published' && isId(base.containerId) && isId(s.mediaId))
    read = { step: 'published', containerId: base.containerId, mediaId: s.mediaId, retired };
  else if (s.step === 'restart') read = { step: 'restart', retired };
  if (!read)
    throw new UserFacingError(
      'INTERNAL',
      `The saved state of this Instagram post cannot be read (step “${String(s.step)}”).`,
      {
        hint: 'Check the post on Instagram before posting it again; report this with the log file from <library>/logs.',
      },
    );
  return read;
}

/** Bytes still to send must come from the file the upload was started with: a container takes one file. */
export function checkSameFile(state: InstagramUploadState | null, size: number): void {
  if (state?.step !== 'uploading' || state.fileSize === size) return;
  throw new UserFacingError(
    'FILE_CHANGED',
    `The rendered clip is ${size} bytes now, but its Instagram upload was started with ${state.fileSize} bytes.`,
    {
      hint: 'Render the clip again and post it as a new post; the unfinished upload expires on Instagram by itself.',
    },
  );
}
