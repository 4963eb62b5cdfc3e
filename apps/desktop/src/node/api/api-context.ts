import type { Host } from '../host/open-host.js';

/** What the API's procedures work with: the host's use cases, one per running host. */
export interface ApiContext {
  host: Host;
  requestId: string;
}
