export function layerOfPath(
  filePath: string,
): 'ui' | 'pipeline' | 'contracts' | 'db' | 'social' | 'common' | 'node' | 'browser' | 'electron' | null;
export function layerViolation(layer: string, source: string, fromFile?: string): string | null;
declare const plugin: { meta: { name: string }; rules: Record<string, unknown> };
export default plugin;
