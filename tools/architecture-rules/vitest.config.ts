import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    include: ['*.test.ts'],
    // The fixtures are a mini workspace that breaks the rules on purpose, not tests.
    exclude: ['**/node_modules/**', 'fixtures/**'],
    testTimeout: 60_000,
  },
});
