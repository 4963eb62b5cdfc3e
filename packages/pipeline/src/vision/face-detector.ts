import ort from 'onnxruntime-node';
import path from 'node:path';
import { existsSync } from 'node:fs';
import { UserFacingError } from '@kirinuki/contracts';
import { openOrtSession, type SessionSettings } from '../asr/open-ort-session.js';
import { defaultModelsDir } from '../models/model-manifest.js';
import { BLAZEFACE_INPUT_SIZE, blazefaceAnchors, decodeBlazefaceHead } from './blazeface-decode.js';
import type { DetectedFace } from './face-box.js';
import { weightedNms } from './non-max-suppression.js';

export const BLAZEFACE_MODEL_FILE = 'blazeface-front-128.onnx';

export interface FaceDetector {
  /** Faces in one 128×128 RGB frame (letterboxed input coordinates, 0..1). */
  detect(rgb: Uint8Array): Promise<DetectedFace[]>;
  provider: string;
  providerReason: string;
  close(): Promise<void>;
}

export interface FaceDetectorOptions extends SessionSettings {
  modelsDir?: string;
  minScore?: number;
  nmsThreshold?: number;
}

/** BlazeFace (front, short range) on ONNX Runtime; output heads are told apart by their shapes. */
export async function createFaceDetector(options: FaceDetectorOptions = {}): Promise<FaceDetector> {
  const modelPath = path.join(options.modelsDir ?? defaultModelsDir(), BLAZEFACE_MODEL_FILE);
  if (!existsSync(modelPath)) {
    throw new UserFacingError('MODEL_MISSING', `The face detection model is missing: ${modelPath}.`);
  }
  const opened = await openOrtSession(modelPath, { threads: options.threads ?? 1, ...options });
  const session = opened.session;
  const inputName = session.inputNames[0] as string;
  const anchors = blazefaceAnchors();
  const minScore = options.minScore ?? 0.6;
  const nmsThreshold = options.nmsThreshold ?? 0.3;
  const size = BLAZEFACE_INPUT_SIZE;
  const input = new Float32Array(size * size * 3);

  return {
    provider: opened.provider,
    providerReason: opened.reason,
    async detect(rgb) {
      for (let i = 0; i < input.length; i += 1) input[i] = (rgb[i] as number) / 127.5 - 1;
      const outputs = await session.run({
        [inputName]: new ort.Tensor('float32', input, [1, size, size, 3]),
      });
      const tensors = Object.values(outputs);
      const boxes: DetectedFace[] = [];
      for (const headAnchors of anchors) {
        const rows = headAnchors.length;
        const scores = tensors.find((t) => t.dims[1] === rows && t.dims[2] === 1);
        const regressors = tensors.find((t) => t.dims[1] === rows && t.dims[2] === 16);
        if (!scores || !regressors) throw new Error(`BlazeFace output for ${rows} anchors not found`);
        boxes.push(
          ...decodeBlazefaceHead(
            headAnchors,
            scores.data as Float32Array,
            regressors.data as Float32Array,
            minScore,
          ),
        );
      }
      return weightedNms(boxes, nmsThreshold);
    },
    close: () => session.release(),
  };
}
