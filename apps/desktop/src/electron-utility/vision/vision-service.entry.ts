// The vision service: a process of its own (utilityProcess in the app, child_process in the CLI).
import { runService } from '../../node/services/run-service.js';
import { closeLibraries } from '../../node/stages/ingest-service-router.js';
import { visionRouter } from '../../node/stages/vision-service-router.js';

await runService({ name: 'vision', router: visionRouter, onShutdown: closeLibraries });
