// The transcribe service: a process of its own (utilityProcess in the app, child_process in the CLI).
import { runService } from '../../node/services/run-service.js';
import { closeLibraries } from '../../node/stages/ingest-service-router.js';
import { transcribeRouter } from '../../node/stages/transcribe-service-router.js';

await runService({ name: 'transcribe', router: transcribeRouter, onShutdown: closeLibraries });
