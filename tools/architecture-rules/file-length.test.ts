import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const eslint = new ESLint({ cwd: root });

/** The max-lines messages the real ESLint config gives `lines` lines of code at `relativePath`. */
async function lengthMessages(lines: string[], relativePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${lines.join('\n')}\n`, {
    filePath: path.join(root, relativePath),
  });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'max-lines').map((m) => m.message);
}

const code = (count: number) => Array.from({ length: count }, (_, i) => `export const v${i} = ${i};`);
const blanksAndComments = (count: number) => Array.from({ length: count }, (_, i) => (i % 2 ? '' : '// why'));

describe('max-lines (STYLE: files under ~400 lines)', () => {
  it.each([
    'apps/desktop/src/node/x.ts',
    'packages/ui/src/x.tsx',
    'packages/pipeline/src/x.test.ts',
    'tools/x/index.js',
    'scripts/x.ts',
  ])('allows 400 lines and refuses 401 in %s', async (file) => {
    expect(await lengthMessages(code(400), file)).toEqual([]);
    expect(await lengthMessages(code(401), file)).toEqual([
      'File has too many lines (401). Maximum allowed is 400.',
    ]);
  });

  it('counts blank and comment lines too', async () => {
    expect(
      await lengthMessages([...code(300), ...blanksAndComments(101)], 'apps/desktop/src/node/x.ts'),
    ).toHaveLength(1);
  });
});
