// The render service: a process of its own (utilityProcess in the app, child_process in the CLI).
import { runService } from '../../node/services/run-service.js';
import { closeLibraries } from '../../node/stages/ingest-service-router.js';
import { renderRouter } from '../../node/stages/render-service-router.js';

await runService({ name: 'render', router: renderRouter, onShutdown: closeLibraries });
