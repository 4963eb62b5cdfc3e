// The ingest service: a process of its own (utilityProcess in the app, child_process in the CLI).
import { runService } from '../../node/service-process/run-service.js';
import { ingestRouter } from '../../node/stage-services/ingest/ingest-router.js';

await runService({ name: 'ingest', router: ingestRouter });
