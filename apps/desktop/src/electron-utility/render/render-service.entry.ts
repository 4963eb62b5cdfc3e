// The render service: a process of its own (utilityProcess in the app, child_process in the CLI).
import { runService } from '../../node/service-process/run-service.js';
import { renderRouter } from '../../node/stage-services/render/render-router.js';

await runService({ name: 'render', router: renderRouter });
