// The publish service: a process of its own (utilityProcess in the app, child_process in the CLI).
import { runService } from '../../node/service-process/run-service.js';
import { publishRouter } from '../../node/stage-services/publish/publish-router.js';

await runService({ name: 'publish', router: publishRouter });
