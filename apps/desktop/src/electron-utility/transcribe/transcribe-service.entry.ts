// The transcribe service: a process of its own (utilityProcess in the app, child_process in the CLI).
import { prestartWhisperWorker } from '@kirinuki/pipeline/asr/whisper-worker-decoder';
import { runService } from '../../node/service-process/run-service.js';
import { transcribeRouter } from '../../node/stage-services/transcribe/transcribe-router.js';

// The service is started to transcribe: Whisper's worker thread boots while the first call is on its way.
prestartWhisperWorker();
await runService({ name: 'transcribe', router: transcribeRouter });
