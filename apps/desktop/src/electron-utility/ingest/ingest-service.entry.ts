// The ingest service: a process of its own (utilityProcess in the app, child_process in the CLI).
import { runService } from '../../node/services/run-service.js';
import { closeLibraries, ingestRouter } from '../../node/stages/ingest-service-router.js';

await runService({ name: 'ingest', router: ingestRouter, onShutdown: closeLibraries });
