// The transcribe service: a process of its own (utilityProcess in the app, child_process in the CLI).
import { runService } from '../../node/service-process/run-service.js';
import { transcribeRouter } from '../../node/stage-services/transcribe/transcribe-router.js';

await runService({ name: 'transcribe', router: transcribeRouter });
