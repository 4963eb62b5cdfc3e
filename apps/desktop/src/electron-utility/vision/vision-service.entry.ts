// The vision service: a process of its own (utilityProcess in the app, child_process in the CLI).
import { runService } from '../../node/service-process/run-service.js';
import { visionRouter } from '../../node/stage-services/vision/vision-router.js';

await runService({ name: 'vision', router: visionRouter });
