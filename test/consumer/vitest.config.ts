import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'consumer',
    include: ['*.test.ts'],
    // Packing, installing into scratch apps and starting five runtimes takes a while.
    testTimeout: 180_000,
    hookTimeout: 240_000,
  },
});
