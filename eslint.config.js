// Lint enforces the process walls: the renderer never touches Node or Electron, main never
// loads React or livekit-client, and only the Electron shell imports Electron at runtime.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Each file meets exactly one `no-restricted-imports` setting below: in a flat config a later
// setting for the same file replaces an earlier one instead of adding to it, which once let
// src-shared import main and the renderer, and the Electron shell import the renderer.
// tests/unit/lint-walls.test.ts proves every wall with a forbidden import.

/** Node, Electron and main-process packages: never in a page. */
const nodeOnly = [
  'electron',
  'electron/*',
  'keytar',
  'electron-store',
  'livekit-server-sdk',
  'node:*',
  ...builtinModules,
];

/** What only the renderer loads. */
const rendererOnly = [
  'react',
  'react-dom',
  'react/*',
  'react-dom/*',
  '@livekit/components-*',
  'livekit-client',
  'livekit-client/*',
  'qrcode',
];

const noMainCode = { group: ['**/src-main', '**/src-main/**'] };
const noRendererCode = { group: ['**/src-renderer', '**/src-renderer/**'] };

const restrict = (...patterns) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { patterns }],
});

/** The renderer's walls, for every file in it. */
const rendererWalls = [
  {
    group: nodeOnly,
    message: 'The renderer runs in a sandboxed page: no Node, Electron or main-process modules.',
  },
  { ...noMainCode, message: 'The renderer talks to main only through the IPC contract.' },
  {
    group: ['@livekit/components-*'],
    message:
      "The call screen reads the room through its own hooks (features/call/room-hooks.ts); LiveKit's components are the Meet yardstick's (scripts/bench/renderer).",
  },
  {
    group: ['**/src-shared/ipc-contract'],
    allowTypeImports: true,
    message:
      'The renderer imports the IPC contract as types only; shared rules live in their own src-shared files.',
  },
];

/** The one renderer file that imports zod itself: it turns zod's eval off first. */
const rendererZod = 'src-renderer/platform/zod.ts';

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
      ...restrict(...rendererWalls, {
        regex: '^zod(/|$)',
        allowTypeImports: true,
        message:
          'The renderer takes zod from platform/zod, which turns off its eval (the CSP forbids it) before any schema is built.',
      }),
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='type'][value.value='number']",
          message:
            'A number field maps about 0.8 MiB of ICU data into the page for good: use app/WholeNumberField (a text field with inputMode="numeric").',
        },
      ],
    },
  },
  {
    files: [rendererZod],
    rules: restrict(...rendererWalls),
  },
  {
    files: ['src-shared/**/*.ts'],
    languageOptions: { globals: globals['shared-node-browser'] },
    rules: restrict(
      {
        group: [...nodeOnly, ...rendererOnly],
        message: 'The shared contract runs in both processes and depends on nothing but zod.',
      },
      { ...noMainCode, message: 'src-shared is imported by main; it never imports main.' },
      {
        ...noRendererCode,
        message: 'src-shared is imported by the renderer; it never imports it.',
      },
    ),
  },
  {
    files: ['src-main/**/*.ts'],
    ignores: ['src-main/electron/**', 'src-main/preload/**'],
    languageOptions: { globals: globals.node },
    rules: restrict(
      { group: rendererOnly, message: 'Main never loads renderer libraries.' },
      { ...noRendererCode, message: 'Main never imports renderer code.' },
      {
        group: ['electron', 'electron/*'],
        allowTypeImports: true,
        message:
          'Only src-main/electron and the preload import Electron at runtime; services take it as an argument.',
      },
    ),
  },
  {
    files: ['src-main/electron/**/*.ts', 'src-main/preload/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: restrict(
      { group: rendererOnly, message: 'Main never loads renderer libraries.' },
      {
        ...noRendererCode,
        message: 'The Electron shell and the preload never import renderer code.',
      },
    ),
  },
  {
    files: ['scripts/**/*.ts', 'tests/**/*.ts', '*.config.ts', '*.config.js'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
