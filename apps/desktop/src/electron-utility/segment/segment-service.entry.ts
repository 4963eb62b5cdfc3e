// The segment service: a process of its own (utilityProcess in the app, child_process in the CLI).
import { runService } from '../../node/service-process/run-service.js';
import { segmentRouter } from '../../node/stage-services/segment/segment-router.js';

await runService({ name: 'segment', router: segmentRouter });
