// The Whisper worker thread: opens the model it is told to and decodes windows, so the thread that
// started it stays free (onnxruntime-node opens a session and runs it synchronously on its calling
// thread). It may start before the model is known (see prestartWhisperWorker) and waits for 'open'.
import { parentPort } from 'node:worker_threads';
import { UserFacingError } from '@kirinuki/contracts';
import { openWindowDecoder } from './whisper-models.js';
import { localWhisperModel } from './whisper-catalog.js';
import type { WhisperWorkerReply, WhisperWorkerRequest } from './whisper-worker-protocol.js';

const port = parentPort!;
const reply = (message: WhisperWorkerReply) => port.postMessage(message);
let decoder: Awaited<ReturnType<typeof openWindowDecoder>> | null = null;

port.on('message', (request: WhisperWorkerRequest) => {
  if (request.type === 'open') {
    const { modelsDir, modelId, language, settings } = request.model;
    openWindowDecoder(modelsDir, localWhisperModel(modelsDir, modelId), language, settings).then(
      (opened) => {
        decoder = opened;
        reply({ type: 'opened', provider: opened.provider, reason: opened.providerReason });
      },
      (error: unknown) => {
        const e = error as Error;
        reply({
          type: 'open-failed',
          message: e.message,
          ...(error instanceof UserFacingError ? { code: error.code, hint: error.hint } : {}),
        });
      },
    );
  } else if (request.type === 'release') {
    void Promise.resolve(decoder?.release()).finally(() => reply({ type: 'released' }));
  } else if (!decoder) {
    reply({ type: 'decode-failed', id: request.id, message: 'Whisper is not open' });
  } else {
    decoder.decode(request.pcm, request.settings).then(
      (window) => reply({ type: 'decoded', id: request.id, window }),
      (error: unknown) => reply({ type: 'decode-failed', id: request.id, message: String(error) }),
    );
  }
});
