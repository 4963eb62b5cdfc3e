// The segment service: a process of its own (utilityProcess in the app, child_process in the CLI).
import { runService } from '../../node/services/run-service.js';
import { closeLibraries } from '../../node/stages/ingest-service-router.js';
import { segmentRouter } from '../../node/stages/segment-service-router.js';

await runService({ name: 'segment', router: segmentRouter, onShutdown: closeLibraries });
