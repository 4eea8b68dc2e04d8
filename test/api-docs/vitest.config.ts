import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'api-docs',
    include: ['**/*.test.ts'],
    testTimeout: 60_000,
  },
});
