import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import svelteConfig from './svelte.config.js';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'dist-*/',
      'node_modules/',
      'test-results/',
      'test-results-*/',
      'playwright-report/',
      '.prof/',
      'bench-results/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // The engine must stay pure: it runs in workers, Node and tests alike.
      'no-restricted-imports': 'off',
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    // Tests read fixtures from disk; the code they test stays pure.
    ignores: ['src/engine/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['dexie', 'svelte', 'svelte/*', 'comlink', 'chart.js', 'chart.js/*'],
              message: 'src/engine is pure: no UI, storage or worker libraries.',
            },
            { group: ['node:*'], message: 'src/engine runs in browsers too: no Node built-ins.' },
            {
              group: ['**/ui/**', '**/store/**', '**/cli/**'],
              message: 'src/engine must not depend on the layers above it.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'localStorage', 'indexedDB', 'navigator'],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: {
        projectService: false,
        extraFileExtensions: ['.svelte'],
        parser: tseslint.parser,
        svelteConfig,
      },
    },
  },
);
