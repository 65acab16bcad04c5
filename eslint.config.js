// The import rules of docs/architecture.md ("What each folder may import"), shown in the
// editor; tests/unit/layering.test.ts checks the same rules on every file.
import jsxA11y from 'eslint-plugin-jsx-a11y';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const noElectron = { name: 'electron', message: "Only electron/main and electron/preload may import 'electron'." };

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'release/', 'test-results/', 'playwright-report/', 'docs/', '.kiosk-data/', '.tmp/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // A promise nobody awaits loses its error; one passed where a plain callback is
    // expected (an event handler, forEach) runs unchecked. Both need the types to see.
    files: ['**/*.ts', '**/*.tsx'],
    ignores: ['*.config.ts', 'renderer/vite.config.ts', 'electron/vite.*.config.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
    },
  },
  {
    files: ['renderer/**/*.tsx', 'renderer/**/*.ts'],
    plugins: { 'react-hooks': reactHooks, 'jsx-a11y': jsxA11y },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron, { name: 'react', message: 'shared/ is runtime-neutral.' }],
          patterns: [
            { group: ['node:*'], message: 'shared/ imports nothing from Node.' },
            { group: ['**/electron/**', '**/renderer/**', '**/server/**'], message: 'shared/ depends on nothing else in the repo.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/services/**/*.ts', 'electron/web-host/**/*.ts', 'electron/admin-cli/**/*.ts', 'server/**/*.ts', 'bench/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [noElectron], patterns: [{ group: ['**/renderer/**'], message: 'Backend code never imports the renderer.' }] },
      ],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [noElectron],
          patterns: [
            { group: ['node:*'], message: 'The renderer runs sandboxed, without Node.' },
            { group: ['**/electron/**', '**/server/**'], message: 'The renderer talks to the backend only through the KioskApi contract.' },
          ],
        },
      ],
    },
  },
);
