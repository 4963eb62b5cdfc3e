import type { Clip } from '../api/api-types.js';
import type { ClipsGateway } from '../api/gateways.js';
import { changedLanes, laneOf, type Lanes } from './board-model.js';

/**
 * Makes the host's lanes match `after`: clips that changed lane get their new status first,
 * then each changed lane gets its exact order. Returns the host's clips after the last call.
 */
export async function syncLanes(
  gateway: ClipsGateway,
  videoId: string,
  before: Lanes,
  after: Lanes,
): Promise<Clip[] | null> {
  const lanes = changedLanes(before, after);
  let clips: Clip[] | null = null;
  for (const status of lanes) {
    const arrived = after[status].filter((id) => laneOf(before, id) !== status);
    if (arrived.length) clips = await gateway.setStatus(arrived, status);
  }
  for (const status of lanes) {
    if (after[status].length) clips = await gateway.reorder(videoId, status, [...after[status]]);
  }
  return clips;
}
