import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import layers from './tools/eslint-plugin-layers/index.js';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'fixtures/media/**',
      'test-artifacts/**',
      '.test-tmp/**',
      // A mini workspace that breaks the import-graph rules on purpose (tools/architecture-rules).
      'tools/architecture-rules/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { kirinuki: layers },
    rules: {
      'kirinuki/layers': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // STYLE: keep files under ~400 lines. Every line counts, blank and comment lines too.
    files: ['{apps,packages,tools,scripts}/**/*.{ts,tsx,js}'],
    rules: { 'max-lines': ['error', { max: 400, skipBlankLines: false, skipComments: false }] },
  },
  {
    // CommonJS configs (.dependency-cruiser.cjs) load their own modules with require().
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
