/**
 * A data folder on a tiny tmpfs, first full and then read-only: every write path answers
 * `disk-full` and leaves the previous file as it was. The app's own services and handlers
 * (the browser-mode wiring), the real LiveKit server, and a real filesystem that refuses.
 *
 * Mounting needs root (CAP_SYS_ADMIN); where that is not possible the tests skip and say so.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createAppServices, type AppServices } from '../../src-main/app-services';
import { dispatchIpc } from '../../src-main/ipc/handlers';
import { createJsonSettingsStore } from '../../src-main/services/json-settings-store';
import { createMemoryLogSink } from '../../src-main/services/logger';
import { newRandomId } from '../../src-main/services/random-ids';
import { createMemorySecretStore } from '../../src-main/services/secret-store';
import type { IpcChannel, OutcomeNoteView } from '../../src-shared/ipc-contract';

const livekit = inject('livekit');

function run(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
}

const dataDir = mkdtempSync(join(tmpdir(), 'augenhoehe-tiny-disk-'));
const logDir = mkdtempSync(join(tmpdir(), 'augenhoehe-tiny-disk-logs-'));
// 1 MiB: room for the app's few small files, and quickly filled.
const mounted = run('mount', ['-t', 'tmpfs', '-o', 'size=1m,mode=0700', 'tmpfs', dataDir]);
const skipReason =
  'skipped: this machine cannot mount a tmpfs for the data folder (needs root); ' +
  'the same refusals are unit-tested with injected ENOSPC/EROFS errors';

let services: AppServices;

async function call<T>(channel: IpcChannel, request: unknown): Promise<T> {
  const result = await dispatchIpc(services.handlers, services.logger, channel, request, true);
  if (!result.ok) throw new Error(result.error.code);
  return result.value as T;
}

async function errorOf(channel: IpcChannel, request: unknown): Promise<string> {
  const result = await dispatchIpc(services.handlers, services.logger, channel, request, true);
  return result.ok ? 'ok' : result.error.code;
}

async function snapshot(): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  async function walk(dir: string): Promise<void> {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.name !== 'filler') files.set(path, await readFile(path));
    }
  }
  await walk(dataDir);
  return files;
}

function note(overrides: Partial<OutcomeNoteView> = {}): OutcomeNoteView {
  const now = Math.floor(Date.now() / 1000);
  return {
    id: noteId,
    label: 'Familie Müller',
    template: 'parents',
    createdAt: now,
    updatedAt: now,
    goals: ['Abendroutine ausprobieren'],
    steps: [],
    nextAppointment: '',
    freeText: 'Erste Fassung.',
    keep: false,
    confirmation: null,
    ...overrides,
  };
}

const noteId = newRandomId();
const custom = {
  mode: 'custom',
  serverUrl: livekit.url,
  apiKey: livekit.apiKey,
  apiSecret: livekit.apiSecret,
  guestPageUrl: 'http://127.0.0.1:5181/',
};

describe.skipIf(!mounted)(mounted ? 'a data folder that takes no more writes' : skipReason, () => {
  let first: { id: string };

  beforeAll(async () => {
    services = await createAppServices({
      shell: 'browser',
      localServer: null,
      secrets: createMemorySecretStore(),
      logSink: createMemoryLogSink(),
      dataDir,
      settingsStore: createJsonSettingsStore(join(dataDir, 'settings.json')),
      logDir,
      chooseExportPath: async () => 'download',
      localGuestPageUrl: () => 'http://127.0.0.1:5181/',
    });
    // Everything the app keeps, written once while the disk still takes it.
    await call('settings:save', custom);
    first = await call('consultation:create', {
      label: 'Erste',
      inviteCount: 1,
      validity: 'today',
    });
    await call('notes:save', note());
    await call('privacy:save', { logRetentionDays: 7, noteRetentionDays: 30 });
  });

  afterAll(() => {
    run('umount', [dataDir]);
  });

  /** What every refused write must leave: the files as they were, and the app still reading them. */
  async function expectEverythingRefusedAndKept(): Promise<void> {
    const before = await snapshot();
    expect(
      await errorOf('consultation:create', { label: 'Zweite', inviteCount: 1, validity: 'today' }),
    ).toBe('disk-full');
    expect(
      await errorOf('settings:save', { ...custom, guestPageUrl: 'http://localhost:5181/' }),
    ).toBe('disk-full');
    expect(await errorOf('notes:save', note({ freeText: 'Zweite Fassung, länger.' }))).toBe(
      'disk-full',
    );
    expect(await errorOf('privacy:save', { logRetentionDays: 14, noteRetentionDays: 60 })).toBe(
      'disk-full',
    );
    expect(await errorOf('consultation:remove', { id: first.id })).toBe('disk-full');

    expect(await snapshot()).toStrictEqual(before);
    const { consultations } = await call<{ consultations: { id: string }[] }>(
      'consultation:list',
      {},
    );
    expect(consultations.map((c) => c.id)).toStrictEqual([first.id]);
    expect(await call('settings:get', {})).toMatchObject({
      configured: true,
      guestPageUrl: 'http://127.0.0.1:5181/',
    });
    expect(await call('notes:get', { id: noteId })).toMatchObject({ freeText: 'Erste Fassung.' });
    expect(await call('privacy:get', {})).toStrictEqual({
      logRetentionDays: 7,
      noteRetentionDays: 30,
    });
  }

  it('full: every write answers disk-full, and the previous files stay intact', async () => {
    const filler = join(dataDir, 'filler');
    let full = false;
    try {
      writeFileSync(filler, Buffer.alloc(2 * 1024 * 1024));
    } catch (error) {
      full = (error as NodeJS.ErrnoException).code === 'ENOSPC';
    }
    expect(full, 'the tmpfs filled up').toBe(true);
    try {
      await expectEverythingRefusedAndKept();
    } finally {
      rmSync(filler, { force: true });
    }
  });

  it('read-only: every write answers disk-full, and the previous files stay intact', async () => {
    expect(run('mount', ['-o', 'remount,ro', dataDir]), 'remounted read-only').toBe(true);
    try {
      await expectEverythingRefusedAndKept();
    } finally {
      run('mount', ['-o', 'remount,rw', dataDir]);
    }
  });

  it('takes writes again once there is room', async () => {
    const second = await call<{ id: string }>('consultation:create', {
      label: 'Zweite',
      inviteCount: 1,
      validity: 'today',
    });
    const { consultations } = await call<{ consultations: { id: string }[] }>(
      'consultation:list',
      {},
    );
    expect(consultations.map((c) => c.id).sort()).toStrictEqual([first.id, second.id].sort());
    expect(JSON.parse(readFileSync(join(dataDir, 'privacy.json'), 'utf8'))).toStrictEqual({
      logRetentionDays: 7,
      noteRetentionDays: 30,
    });
  });
});

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(logDir, { recursive: true, force: true });
});
