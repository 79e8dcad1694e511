import type * as FsPromises from 'node:fs/promises';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  createJsonRetentionStore,
  defaultRetention,
  parseRetention,
} from '../../src-main/services/privacy-settings';

// Lets a test make the disk refuse the write, which chmod cannot do for root.
const fsControl = vi.hoisted(() => ({ refuse: null as string | null }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof FsPromises>();
  return {
    ...actual,
    open: async (...args: Parameters<typeof actual.open>) => {
      if (fsControl.refuse && String(args[0]).endsWith('.tmp')) {
        throw Object.assign(new Error(fsControl.refuse), { code: fsControl.refuse });
      }
      return actual.open(...args);
    },
  };
});

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'augenhoehe-privacy-'));
  file = join(dir, 'privacy.json');
  fsControl.refuse = null;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('retention store', () => {
  it('starts with 7 days for logs and 30 for notes', async () => {
    expect(defaultRetention).toStrictEqual({ logRetentionDays: 7, noteRetentionDays: 30 });
    expect(await createJsonRetentionStore(file).read()).toStrictEqual(defaultRetention);
  });

  it('keeps what was saved across a restart', async () => {
    const saved = await createJsonRetentionStore(file).write({
      logRetentionDays: 3,
      noteRetentionDays: 90,
    });
    expect(saved).toStrictEqual({ logRetentionDays: 3, noteRetentionDays: 90 });
    expect(await createJsonRetentionStore(file).read()).toStrictEqual(saved);
    expect(JSON.parse(await readFile(file, 'utf8'))).toStrictEqual(saved);
  });

  it('stores only the two settings', async () => {
    await createJsonRetentionStore(file).write({
      logRetentionDays: 3,
      noteRetentionDays: 90,
      extra: 'x',
    } as never);
    expect(Object.keys(JSON.parse(await readFile(file, 'utf8')))).toStrictEqual([
      'logRetentionDays',
      'noteRetentionDays',
    ]);
  });

  it.each([
    [{ logRetentionDays: 0, noteRetentionDays: 30 }],
    [{ logRetentionDays: 91, noteRetentionDays: 30 }],
    [{ logRetentionDays: 7, noteRetentionDays: 366 }],
    [{ logRetentionDays: 7, noteRetentionDays: 1.5 }],
    [{ logRetentionDays: Number.NaN, noteRetentionDays: 30 }],
  ])('refuses %j and keeps the old values', async (settings) => {
    const store = createJsonRetentionStore(file);
    await store.write({ logRetentionDays: 5, noteRetentionDays: 20 });
    await expect(store.write(settings)).rejects.toMatchObject({ code: 'invalid-request' });
    expect(await store.read()).toStrictEqual({ logRetentionDays: 5, noteRetentionDays: 20 });
  });

  it.each<[string, string, { logRetentionDays: number; noteRetentionDays: number }]>([
    ['garbage', 'not json', defaultRetention],
    ['an array', '[1,2]', defaultRetention],
    ['null', 'null', defaultRetention],
    ['one good value', '{"noteRetentionDays": 60}', { logRetentionDays: 7, noteRetentionDays: 60 }],
    [
      'one value out of range',
      '{"logRetentionDays": 1000, "noteRetentionDays": 14}',
      { logRetentionDays: 7, noteRetentionDays: 14 },
    ],
    ['strings', '{"logRetentionDays": "3", "noteRetentionDays": "14"}', defaultRetention],
  ])('falls back value by value for a file with %s', async (_label, content, expected) => {
    await writeFile(file, content);
    expect(await createJsonRetentionStore(file).read()).toStrictEqual(expected);
  });

  it('parses without a file too', () => {
    expect(parseRetention(undefined)).toStrictEqual(defaultRetention);
    expect(parseRetention({ logRetentionDays: 90, noteRetentionDays: 365 })).toStrictEqual({
      logRetentionDays: 90,
      noteRetentionDays: 365,
    });
  });

  it.each(['ENOSPC', 'EROFS', 'EACCES'])(
    'answers disk-full for %s and keeps the old values',
    async (code) => {
      const store = createJsonRetentionStore(file);
      await store.write({ logRetentionDays: 5, noteRetentionDays: 20 });
      fsControl.refuse = code;
      await expect(
        store.write({ logRetentionDays: 9, noteRetentionDays: 9 }),
      ).rejects.toMatchObject({ code: 'disk-full' });
      fsControl.refuse = null;
      expect(await store.read()).toStrictEqual({ logRetentionDays: 5, noteRetentionDays: 20 });
    },
  );
});
