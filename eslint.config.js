// Lint, and the import boundaries of docs/ARCHITECTURE.md: electron only in src-main/electron;
// Node built-ins, better-sqlite3 and nodemailer only in main-side code; src-shared imports neither side.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const NODE_ONLY = [
  { group: ['node:*'], message: 'Node built-ins belong in src-main (or src-licensing).' },
  {
    group: [
      'better-sqlite3',
      'nodemailer',
      'kysely',
      'mailauth',
      'mailauth/*',
      'fs',
      'path',
      'child_process',
      'crypto',
      'os',
    ],
    message: 'Main-process only.',
  },
];
const ELECTRON = { group: ['electron'], message: 'electron may be imported only in src-main/electron.' };
const TEST_SUPPORT = {
  group: ['**/test-support/**'],
  message: 'test-support/ is for tests and benchmarks, never the app.',
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'docs/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off', // the validators match control characters on purpose
    },
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.mjs', '**/*.js'],
    ignores: ['src-main/electron/**', 'e2e/electron/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [ELECTRON] }] },
  },
  {
    // The app's own code never reaches into the test harness.
    files: ['src-main/**', 'src-licensing/**'],
    ignores: ['**/*.test.ts', 'src-main/electron/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [ELECTRON, TEST_SUPPORT] }] },
  },
  {
    files: ['src-main/electron/**'],
    ignores: ['**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [TEST_SUPPORT] }] },
  },
  {
    files: ['src-shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ELECTRON,
            ...NODE_ONLY,
            TEST_SUPPORT,
            { group: ['**/src-main/**', '**/src-renderer/**', 'zustand'], message: 'src-shared imports neither side.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src-renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            ELECTRON,
            ...NODE_ONLY,
            TEST_SUPPORT,
            { group: ['**/src-main/**'], message: 'The renderer reaches main only through api.ts.' },
          ],
        },
      ],
    },
  },
  {
    // Migrations are typed Kysely<any> on purpose: they must not follow later schema changes.
    files: ['src-main/book/migrations/**', 'src-main/book/*.test.ts', 'src-licensing/db/migrations.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['src-renderer/**/*.test.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
