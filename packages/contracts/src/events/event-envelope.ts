/**
 * The one shape of every event in an event log (the library's `events` table, a team's log on the
 * sync server): a ULID id, the aggregate it belongs to, ISO 8601 time and a JSON payload.
 */
export interface EventEnvelope<T extends string = string, P = unknown> {
  id: string;
  type: T;
  aggregateId: string;
  at: string;
  payload: P;
}
