import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import layers from './tools/eslint-plugin-layers/index.js';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'fixtures/media/**', 'test-artifacts/**', '.test-tmp/**'] },
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
);
