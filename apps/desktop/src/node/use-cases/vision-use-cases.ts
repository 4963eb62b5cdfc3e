import path from 'node:path';
import { callStageService } from '../service-process/progress-stream.js';
import type { HostParts } from '../host/host-parts.js';
import { findVideoById } from '../library/videos-repository.js';
import type { FaceDetection } from '@kirinuki/pipeline/vision/detect-faces';
import type { ShotsOfFile } from '../stage-services/vision/shots-and-faces.js';

export interface VisionPassOptions {
  cwd?: string;
  signal?: AbortSignal;
  onProgress?: (fraction: number, stage: string) => void;
}

/**
 * Shots and faces of any video file or library video (by id), in the vision service, cached for
 * the file (its path, size and time) and the detector's version.
 */
export function createVisionUseCases(parts: HostParts) {
  const { library } = parts;
  const fileOf = async (input: string, cwd = '') =>
    (await findVideoById(library.db, input))?.path ?? path.resolve(cwd, input);
  const ctxOf = (options: VisionPassOptions, what: string) => ({
    signal: options.signal ?? new AbortController().signal,
    jobId: `${what}-${Date.now()}`,
    reportProgress: (fraction: number, detail?: string) => options.onProgress?.(fraction, detail ?? ''),
  });
  return {
    shots: async (
      request: { input: string; fresh?: boolean; imagesDir?: string | null },
      options: VisionPassOptions = {},
    ): Promise<ShotsOfFile> => {
      const file = await fileOf(request.input, options.cwd);
      const imagesDir = request.imagesDir ? path.resolve(options.cwd ?? '', request.imagesDir) : null;
      return callStageService<
        { libraryDir: string; file: string; fresh: boolean; imagesDir: string | null },
        ShotsOfFile
      >(
        (i, o) => parts.stageHost.clients.vision.shots.subscribe(i, o),
        { libraryDir: library.dir, file, fresh: Boolean(request.fresh), imagesDir },
        ctxOf(options, 'shots'),
      );
    },
    faces: async (
      request: { input: string; fresh?: boolean },
      options: VisionPassOptions = {},
    ): Promise<{ faces: FaceDetection; cached: boolean }> => {
      const file = await fileOf(request.input, options.cwd);
      return callStageService<
        { libraryDir: string; file: string; fresh: boolean },
        { faces: FaceDetection; cached: boolean }
      >(
        (i, o) => parts.stageHost.clients.vision.faces.subscribe(i, o),
        { libraryDir: library.dir, file, fresh: Boolean(request.fresh) },
        ctxOf(options, 'faces'),
      );
    },
  };
}

export type VisionUseCases = ReturnType<typeof createVisionUseCases>;
