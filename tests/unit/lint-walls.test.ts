/**
 * The process walls are lint rules; each is proved here with an import it must refuse
 * (and one it must allow), linted with the project's own ESLint config as a file in that
 * folder would be.
 */
import { ESLint } from 'eslint';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
let eslint: ESLint;

// Loading the config and its plugins takes a while on a busy machine; after that each file
// is quick.
beforeAll(async () => {
  eslint = new ESLint({ cwd: root });
  await eslint.lintText('export {};\n', { filePath: join(root, 'src-shared/probe.ts') });
}, 120_000);

/** The `no-restricted-imports` findings for one line of code in a file at `path`. */
async function wallsHit(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${code}\nexport const used = probe;\n`, {
    filePath: join(root, path),
  });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === '@typescript-eslint/no-restricted-imports')
    .map((message) => message.message);
}

describe('lint walls: forbidden imports fail', () => {
  it.each([
    // The shared contract runs on both sides: nothing from either, nothing from Node.
    ['src-shared/probe.ts', "import { probe } from '../src-main/services/logger';"],
    ['src-shared/probe.ts', "import { probe } from '../src-main/electron/window';"],
    ['src-shared/probe.ts', "import { probe } from '../src-renderer/app/App';"],
    ['src-shared/nested/probe.ts', "import { probe } from '../../src-renderer/i18n';"],
    ['src-shared/probe.ts', "import { readFile as probe } from 'node:fs/promises';"],
    ['src-shared/probe.ts', "import { readFile as probe } from 'fs';"],
    ['src-shared/probe.ts', "import { join as probe } from 'path';"],
    ['src-shared/probe.ts', "import { randomBytes as probe } from 'crypto';"],
    ['src-shared/probe.ts', "import { app as probe } from 'electron';"],
    ['src-shared/probe.ts', "import probe from 'keytar';"],
    ['src-shared/probe.ts', "import { useState as probe } from 'react';"],
    ['src-shared/probe.ts', "import { Room as probe } from 'livekit-client';"],
    // The Electron shell and the preload are main: no renderer code, no renderer libraries.
    ['src-main/electron/probe.ts', "import { probe } from '../../src-renderer/app/App';"],
    ['src-main/preload/probe.ts', "import { probe } from '../../src-renderer/platform/app-api';"],
    ['src-main/preload/probe.ts', "import { useState as probe } from 'react';"],
    ['src-main/electron/probe.ts', "import { Room as probe } from 'livekit-client';"],
    // Services: no renderer, and Electron as a type only.
    ['src-main/services/probe.ts', "import { probe } from '../../src-renderer/app/App';"],
    ['src-main/services/probe.ts', "import { app as probe } from 'electron';"],
    ['src-main/ipc/probe.ts', "import { Room as probe } from 'livekit-client';"],
    // The renderer: no Node, no Electron, no main code, the contract as types only.
    ['src-renderer/probe.ts', "import { readFile as probe } from 'node:fs/promises';"],
    ['src-renderer/probe.ts', "import { readFile as probe } from 'fs/promises';"],
    ['src-renderer/probe.ts', "import { ipcRenderer as probe } from 'electron';"],
    ['src-renderer/features/x/probe.tsx', "import probe from 'keytar';"],
    ['src-renderer/probe.ts', "import { probe } from '../src-main/services/logger';"],
    [
      'src-renderer/features/x/probe.tsx',
      "import { useTracks as probe } from '@livekit/components-react';",
    ],
    ['src-renderer/probe.ts', "import { ipcContract as probe } from '../src-shared/ipc-contract';"],
    // zod only through platform/zod, which turns its eval off (the CSP forbids it).
    ['src-renderer/livekit/probe.ts', "import { z as probe } from 'zod';"],
  ])('%s: %s', { timeout: 30_000 }, async (path, code) => {
    expect(await wallsHit(path, code)).not.toStrictEqual([]);
  });
});

describe('lint walls: what each side may import', () => {
  it.each([
    ['src-shared/probe.ts', "import { z as probe } from 'zod';"],
    ['src-shared/probe.ts', "import { MAX_LINK_LENGTH as probe } from './limits';"],
    ['src-main/services/probe.ts', "import { readFile as probe } from 'node:fs/promises';"],
    ['src-main/services/probe.ts', "import type { App as probe } from 'electron';"],
    ['src-main/services/probe.ts', "import { probe } from '../../src-shared/server-address';"],
    ['src-main/electron/probe.ts', "import { app as probe } from 'electron';"],
    [
      'src-main/preload/probe.ts',
      "import { MAX_LINK_LENGTH as probe } from '../../src-shared/limits';",
    ],
    [
      'src-renderer/probe.ts',
      "import { parseServerAddress as probe } from '../src-shared/server-address';",
    ],
    [
      'src-renderer/probe.ts',
      "import type { IpcChannel as probe } from '../src-shared/ipc-contract';",
    ],
    ['src-renderer/probe.ts', "import { Room as probe } from 'livekit-client';"],
    ['src-renderer/platform/zod.ts', "import { z as probe } from 'zod';"],
    ['src-renderer/livekit/probe.ts', "import { z as probe } from '../platform/zod';"],
    ['src-renderer/livekit/probe.ts', "import type { ZodType as probe } from 'zod';"],
  ])('%s: %s', { timeout: 30_000 }, async (path, code) => {
    expect(await wallsHit(path, code)).toStrictEqual([]);
  });
});

describe('lint: no number fields in the renderer', () => {
  /** The `no-restricted-syntax` findings for a component in a .tsx file of the renderer. */
  async function syntaxHit(jsx: string): Promise<string[]> {
    const [result] = await eslint.lintText(`export const Probe = () => ${jsx};\n`, {
      filePath: join(root, 'src-renderer/app/Probe.tsx'),
    });
    return (result?.messages ?? [])
      .filter((message) => message.ruleId === 'no-restricted-syntax')
      .map((message) => message.message);
  }

  it('refuses <input type="number"> and names the field to use', { timeout: 30_000 }, async () => {
    const [message] = await syntaxHit('<input type="number" />');
    expect(message).toContain('WholeNumberField');
  });

  it('allows a text field for digits', { timeout: 30_000 }, async () => {
    expect(await syntaxHit('<input type="text" inputMode="numeric" />')).toStrictEqual([]);
  });
});
