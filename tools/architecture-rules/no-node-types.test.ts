import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The diagnostics of one source file compiled with a project's own compiler options. */
function diagnosticsUnder(tsconfig: string, source: string): string[] {
  const configPath = path.join(root, tsconfig);
  const config = ts.readConfigFile(configPath, ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, path.dirname(configPath));
  const file = path.join(path.dirname(configPath), 'probe.ts');
  const host = ts.createCompilerHost({ ...options, noEmit: true, composite: false, declaration: false });
  const readFile = host.readFile.bind(host);
  host.readFile = (name) => (name === file ? source : readFile(name));
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === file || fileExists(name);
  const program = ts.createProgram(
    [file],
    { ...options, noEmit: true, composite: false, declaration: false },
    host,
  );
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file?.fileName === file)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('common and contracts compile without node (or DOM) types', () => {
  it.each(['apps/desktop/tsconfig.common.json', 'packages/contracts/tsconfig.json'])('%s', (tsconfig) => {
    expect(diagnosticsUnder(tsconfig, 'export const n: number = [1, 2].at(-1) ?? 0;\n')).toEqual([]);
    for (const probe of [
      "export const b = Buffer.from('x');\n",
      'export const p = process.pid;\n',
      'export const w = window.location;\n',
    ])
      expect(diagnosticsUnder(tsconfig, probe).join(' ')).toMatch(
        /Cannot find name '(Buffer|process|window)'/,
      );
  });
});
