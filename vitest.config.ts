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
    testTimeout: 30_000,
  },
});
