import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

export default defineConfig({
  plugins: [svelte()],
  test: {
    include: [
      'src/**/*.test.ts',
      'workers/**/*.test.ts',
      'tests/unit/**/*.test.ts',
      'tests/conformance/**/*.test.ts',
      'tests/store/**/*.test.ts',
    ],
    environment: 'node',
    // Vitest's default leaves one core to its own process, which idles: on a 2-core machine that was
    // one test file at a time (277 s for the suite; 181 s with two).
    maxWorkers: Math.max(2, availableParallelism()),
    testTimeout: 30_000,
  },
});
