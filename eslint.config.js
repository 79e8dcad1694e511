// Lint enforces the process walls: the renderer never touches Node or Electron, main never
// loads React or livekit-client, and only the Electron shell imports Electron at runtime.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeOnly = [
  'electron',
  'electron/*',
  'keytar',
  'electron-store',
  'livekit-server-sdk',
  'node:*',
  'fs',
  'path',
  'os',
  'child_process',
  'crypto',
  'http',
  'net',
];

export default tseslint.config(
  {
    ignores: ['out/**', 'dist/**', 'node_modules/**', '.tools/**', '.local/**', 'test-results/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      'no-console': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: globals.browser },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: nodeOnly,
              message:
                'The renderer runs in a sandboxed page: no Node, Electron or main-process modules.',
            },
            {
              group: ['**/src-main/**'],
              message: 'The renderer talks to main only through the IPC contract.',
            },
            {
              group: ['**/src-shared/ipc-contract'],
              allowTypeImports: true,
              message: 'The renderer imports the IPC contract as types only.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/**/*.ts', 'src-shared/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'react',
                'react-dom',
                'react/*',
                'react-dom/*',
                '@livekit/components-*',
                'livekit-client',
                'i18next',
                'react-i18next',
              ],
              message: 'Main never loads renderer libraries.',
            },
            { group: ['**/src-renderer/**'], message: 'Main never imports renderer code.' },
            {
              group: ['electron'],
              allowTypeImports: true,
              message:
                'Only src-main/electron and the preload import Electron at runtime; services take it as an argument.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-shared/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'keytar', 'electron-store', 'node:*', 'react', 'livekit-client'],
              message: 'The shared contract depends on nothing but zod.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src-main/electron/**/*.ts', 'src-main/preload/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['react', 'react-dom', 'livekit-client', '@livekit/components-*'],
              message: 'Main never loads renderer libraries.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['scripts/**/*.ts', 'tests/**/*.ts', '*.config.ts', '*.config.js'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
