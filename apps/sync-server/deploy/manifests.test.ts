import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, parse } from 'yaml';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { ConfigMap, Service } from 'kubernetes-models/v1';

const here = path.dirname(fileURLToPath(import.meta.url));
const read = (file: string) => readFileSync(path.join(here, file), 'utf8');

// Each kind with the validator generated from the Kubernetes OpenAPI schemas (offline).
const MODELS: Record<string, new (doc: never) => { validate(): void }> = {
  ConfigMap,
  Service,
  Deployment,
  HorizontalPodAutoscaler,
  PodDisruptionBudget,
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- manifests are read as plain data
const manifests = (): any[] =>
  parseAllDocuments(read('kubernetes/sync-server.yaml')).map((doc) => doc.toJS());
const byKind = (kind: string) => manifests().find((doc) => doc.kind === kind);

describe('Kubernetes manifests', () => {
  it('each one is valid against its Kubernetes schema, and every kind asked for is there', () => {
    const docs = manifests();
    expect(docs.map((doc) => doc.kind).sort()).toEqual(Object.keys(MODELS).sort());
    for (const doc of docs)
      expect(() => new MODELS[doc.kind]!(doc as never).validate(), doc.kind).not.toThrow();
  });

  it('the validator does refuse a broken manifest (so the check above can fail)', () => {
    const broken = byKind('Deployment');
    broken.spec.replicas = 'three';
    expect(() => new Deployment(broken).validate()).toThrow();
    const noSelector = byKind('Deployment');
    delete noSelector.spec.selector;
    expect(() => new Deployment(noSelector).validate()).toThrow();
  });

  it('3 replicas rolled one at a time with none down first; probes, resources and secrets as planned', () => {
    const deployment = byKind('Deployment');
    expect(deployment.spec.replicas).toBe(3);
    expect(deployment.spec.strategy).toEqual({
      type: 'RollingUpdate',
      rollingUpdate: { maxSurge: 1, maxUnavailable: 0 },
    });
    const [container] = deployment.spec.template.spec.containers;
    expect(container.readinessProbe.httpGet.path).toBe('/ready');
    expect(container.livenessProbe.httpGet.path).toBe('/health');
    expect(container.resources).toEqual({
      requests: { cpu: '500m', memory: '1Gi' },
      limits: { cpu: '1000m', memory: '2Gi' },
    });
    expect(deployment.spec.template.spec.securityContext.runAsNonRoot).toBe(true);
    const secrets = container.env.map((e: { name: string; valueFrom?: { secretKeyRef?: unknown } }) => [
      e.name,
      Boolean(e.valueFrom?.secretKeyRef),
    ]);
    expect(secrets).toEqual([
      ['DATABASE_URL', true],
      ['KIRINUKI_SERVER_KEY', true],
    ]);
    // The settings the ConfigMap gives are the ones the server reads (config/server-config.ts).
    expect(Object.keys(byKind('ConfigMap').data).sort()).toEqual(['DATA_DIR', 'HOST', 'PORT', 'PUBLIC_URL']);
    expect(byKind('HorizontalPodAutoscaler').spec.minReplicas).toBe(3);
    expect(byKind('PodDisruptionBudget').spec.minAvailable).toBe(2);
    // The pod's labels are what the Service, the budget and the Deployment select.
    const labels = deployment.spec.template.metadata.labels;
    expect(byKind('Service').spec.selector).toEqual(labels);
    expect(byKind('PodDisruptionBudget').spec.selector.matchLabels).toEqual(labels);
  });
});

describe('Dockerfile and compose file (static checks; no container engine here)', () => {
  it('builds in stages and runs as a non-root user with a health check on /health', () => {
    const dockerfile = read('Dockerfile');
    expect(dockerfile.match(/^FROM /gm)).toHaveLength(2);
    const finalStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
    expect(finalStage).toMatch(/^USER kirinuki$/m);
    expect(finalStage).toMatch(/^HEALTHCHECK .*\n.*\/health/m);
    const command = /^CMD \[(.*)\]$/m.exec(finalStage)![1]!;
    expect(existsSync(path.join(here, '..', JSON.parse(`[${command}]`).at(-1)))).toBe(true);
  });

  it('compose runs the server on its Postgres once that is healthy, secrets from the environment', () => {
    const compose = parse(read('compose.yaml'));
    expect(Object.keys(compose.services).sort()).toEqual(['postgres', 'sync-server']);
    const server = compose.services['sync-server'];
    expect(server.environment.DATABASE_URL).toMatch(
      /^postgres:\/\/kirinuki:\$\{POSTGRES_PASSWORD\}@postgres:5432\/kirinuki$/,
    );
    expect(server.depends_on.postgres.condition).toBe('service_healthy');
    expect(existsSync(path.join(here, server.build.context, server.build.dockerfile))).toBe(true);
  });
});
