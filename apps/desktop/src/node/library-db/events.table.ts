export interface EventsTable {
  /** A ULID: sortable by time, unique across devices. */
  id: string;
  type: string;
  aggregateId: string;
  /** ISO 8601. */
  at: string;
  /** JSON text. */
  payload: string;
}
