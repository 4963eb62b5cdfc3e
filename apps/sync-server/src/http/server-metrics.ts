import { Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { PostgresPoolStats } from '@kirinuki/db';

export interface ServerMetrics {
  registry: Registry;
  requestDuration: Histogram<'method' | 'route' | 'status_code'>;
}

/** One registry per server (two servers in one test process keep their counts apart). */
export function createServerMetrics(poolStats: () => PostgresPoolStats | undefined): ServerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const requestDuration = new Histogram({
    name: 'kirinuki_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route template (tRPC by procedure).',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const poolGauge = (name: string, help: string, pick: (stats: PostgresPoolStats) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        const stats = poolStats();
        if (stats) this.set(pick(stats));
      },
    });
  poolGauge('kirinuki_db_pool_connections', 'Open Postgres connections in the pool.', (s) => s.total);
  poolGauge('kirinuki_db_pool_idle', 'Idle Postgres connections in the pool.', (s) => s.idle);
  poolGauge('kirinuki_db_pool_waiting', 'Queries waiting for a Postgres connection.', (s) => s.waiting);
  return { registry, requestDuration };
}
