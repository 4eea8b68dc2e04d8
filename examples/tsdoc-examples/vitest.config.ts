import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'tsdoc-examples',
    include: ['test/**/*.test.ts'],
    // Examples run in this process with their own working directory: forks, not threads (no chdir in workers).
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
