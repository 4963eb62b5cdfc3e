import { toUserFacingProblem } from './user-facing-error.js';

/** Turns a file the user dropped into a path the host can import. */
export interface HostFiles {
  pathForDroppedFile(file: File, onProgress?: (fraction: number) => void): Promise<string>;
}

/** The shape of a failed /upload answer, read as a user-facing problem. */
export class UploadError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'UploadError';
  }
  get kirinuki() {
    return { code: this.code, message: this.message, ...(this.hint ? { hint: this.hint } : {}) };
  }
}

/**
 * In a browser the file lives on this machine, not the host's: POST it raw to `/upload`
 * (cookie auth, name in `x-file-name`) and import the path the host answers with.
 */
export function uploadingHostFiles(origin: string, fetchImpl: typeof fetch = fetch): HostFiles {
  return {
    async pathForDroppedFile(file) {
      const response = await fetchImpl(`${origin}/upload`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: {
          'x-file-name': encodeURIComponent(file.name),
          'content-type': 'application/octet-stream',
        },
        body: file,
      });
      const body: unknown = await response.json().catch(() => null);
      if (!response.ok) {
        const problem = toUserFacingProblem(body ?? new Error(`Upload failed (${response.status}).`));
        throw new UploadError(problem.code, problem.message, problem.hint);
      }
      const path = (body as { path?: unknown } | null)?.path;
      if (typeof path !== 'string')
        throw new UploadError('UPLOAD_FAILED', 'The host did not say where it saved the file.');
      return path;
    },
  };
}

/** In Electron the file is already on the host; the preload may expose its path (webUtils). */
export function localHostFiles(scope: { kirinukiFiles?: { pathForFile(file: File): string } }): HostFiles {
  return {
    async pathForDroppedFile(file) {
      const path = scope.kirinukiFiles?.pathForFile(file);
      if (!path)
        throw new UploadError(
          'DROP_UNSUPPORTED',
          'This window cannot read the path of a dropped file.',
          'Type or paste the file’s path into the field instead.',
        );
      return path;
    },
  };
}
