// The Whisper worker thread: opens the model and decodes windows, so the thread that started it
// stays free (onnxruntime-node opens a session and runs it synchronously on its calling thread).
import { parentPort, workerData } from 'node:worker_threads';
import { UserFacingError } from '../errors/user-facing-error.js';
import { localWhisperModel, openWindowDecoder } from './whisper-models.js';
import type {
  WhisperWorkerData,
  WhisperWorkerReply,
  WhisperWorkerRequest,
} from './whisper-worker-protocol.js';

const port = parentPort!;
const reply = (message: WhisperWorkerReply) => port.postMessage(message);
const { modelsDir, modelId, language, settings } = workerData as WhisperWorkerData;

try {
  const decoder = await openWindowDecoder(
    modelsDir,
    localWhisperModel(modelsDir, modelId),
    language,
    settings,
  );
  port.on('message', (request: WhisperWorkerRequest) => {
    if (request.type === 'release') {
      void decoder.release().finally(() => reply({ type: 'released' }));
      return;
    }
    decoder.decode(request.pcm, request.settings).then(
      (window) => reply({ type: 'decoded', id: request.id, window }),
      (error: unknown) => reply({ type: 'decode-failed', id: request.id, message: String(error) }),
    );
  });
  reply({ type: 'opened', provider: decoder.provider, reason: decoder.providerReason });
} catch (error) {
  const e = error as Error;
  reply({
    type: 'open-failed',
    message: e.message,
    ...(error instanceof UserFacingError ? { code: error.code, hint: error.hint } : {}),
  });
}
