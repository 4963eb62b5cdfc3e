// A host process for the orphan test: starts a service, prints its pid, then waits to be killed.
import { fileURLToPath } from 'node:url';
import { createLogger } from '../../logging/create-logger.js';
import { launchNodeService } from '../node-service-launcher.js';
import { createServiceSupervisor } from '../service-supervisor.js';

const entry = fileURLToPath(new URL('./test-service.entry.ts', import.meta.url));
const supervisor = createServiceSupervisor({
  services: [{ name: 'orphan', entry }],
  launcher: launchNodeService,
  logger: createLogger({ logDir: null, consoleLevel: 'silent', pretty: false, correlationId: 'orphan-host' }),
});
await supervisor.connect('orphan');
process.stdout.write(`${JSON.stringify({ servicePid: supervisor.status('orphan').pid })}\n`);
setInterval(() => undefined, 60_000);
