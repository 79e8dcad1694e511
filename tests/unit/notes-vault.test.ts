import { outcomesForClient, outcomesVersion } from '../../src-shared/outcomes';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { statSync, utimesSync } from 'node:fs';
import type * as FsPromises from 'node:fs/promises';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { IpcErrorCode, OutcomeNoteView } from '../../src-shared/ipc-contract';
import { createLogger, createMemoryLogSink } from '../../src-main/services/logger';
import {
  createNotesVault,
  NOTES_KEY_ACCOUNT,
  type NotesVault,
} from '../../src-main/services/notes-vault';
import {
  defaultRetention,
  type RetentionSettings,
  type RetentionStore,
} from '../../src-main/services/privacy-settings';
import { newRandomId } from '../../src-main/services/random-ids';
import {
  createMemorySecretStore,
  createMissingSecretStore,
  type SecretStore,
} from '../../src-main/services/secret-store';
import { noteVersion } from './fixtures/vault-versions';

// Lets a test make the disk refuse a write: at open (read-only, no permission) or halfway
// through (full). Running as root, chmod alone cannot do that.
const fsControl = vi.hoisted(() => ({
  refuseOpen: null as string | null,
  failMidWrite: null as string | null,
}));
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof FsPromises>();
  const errno = (code: string) => Object.assign(new Error(code), { code });
  return {
    ...actual,
    open: async (path: string, flags?: string, mode?: number) => {
      const temporary = String(path).endsWith('.tmp');
      if (temporary && fsControl.refuseOpen) throw errno(fsControl.refuseOpen);
      const handle = await actual.open(path, flags, mode);
      const failure = fsControl.failMidWrite;
      if (temporary && failure) {
        handle.writeFile = async (data) => {
          await handle.write(Buffer.from(data as Uint8Array).subarray(0, 10));
          throw errno(failure);
        };
      }
      return handle;
    },
  };
});

const DAY = 24 * 60 * 60;
/** 09:30 UTC, 15 January 2030, in seconds. */
const T0 = Date.UTC(2030, 0, 15, 9, 30) / 1000;

let dir: string;
let clock: number;
let secrets: SecretStore;
let retention: RetentionStore & { settings: RetentionSettings };
let logLines: string[];

function memoryRetention(): RetentionStore & { settings: RetentionSettings } {
  const store = {
    settings: { ...defaultRetention },
    read: async () => ({ ...store.settings }),
    write: async (settings: RetentionSettings) => {
      store.settings = { ...settings };
      return store.settings;
    },
  };
  return store;
}

function openVault(options: { secrets?: SecretStore } = {}) {
  const sink = createMemoryLogSink();
  logLines = sink.lines;
  return createNotesVault({
    dir,
    secrets: options.secrets ?? secrets,
    retention,
    logger: createLogger(sink),
    now: () => clock * 1000,
  });
}

const sampleOutcomes = {
  goals: ['Jonas geht dreimal pro Woche pünktlich zur Schule', 'Abendroutine ausprobieren'],
  steps: [
    { who: 'Frau Müller', what: 'Termin beim Kinderarzt vereinbaren', due: 'bis Freitag' },
    { who: 'Fachkraft', what: 'Antrag auf Lernförderung vorbereiten', due: '22.01.' },
  ],
  nextAppointment: 'Dienstag, 21.01., 10 Uhr',
};
/** What a client confirmed: the sample's outcomes exactly. */
const version = await outcomesVersion(outcomesForClient(sampleOutcomes));

function sampleNote(overrides: Partial<OutcomeNoteView> = {}): OutcomeNoteView {
  return {
    id: newRandomId(),
    label: 'Familie Müller, Erziehungsberatung',
    template: 'parents',
    createdAt: T0,
    updatedAt: T0,
    goals: ['Jonas geht dreimal pro Woche pünktlich zur Schule', 'Abendroutine ausprobieren'],
    steps: [
      { who: 'Frau Müller', what: 'Termin beim Kinderarzt vereinbaren', due: 'bis Freitag' },
      { who: 'Fachkraft', what: 'Antrag auf Lernförderung vorbereiten', due: '22.01.' },
    ],
    nextAppointment: 'Dienstag, 21.01., 10 Uhr',
    freeText: 'Stimmung offen; Vater war zugeschaltet. Schulden beim Stromanbieter angesprochen.',
    keep: false,
    confirmation: { state: 'confirmed', comment: '', at: T0 + 600, version },
    ...overrides,
  };
}

async function expectCode(promise: Promise<unknown>, code: IpcErrorCode): Promise<void> {
  await expect(promise).rejects.toMatchObject({ name: 'ServiceError', code });
}

async function filesIn(directory = dir): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  for (const name of (await readdir(directory)).sort()) {
    files.set(name, await readFile(join(directory, name)));
  }
  return files;
}

beforeEach(async () => {
  dir = join(await mkdtemp(join(tmpdir(), 'augenhoehe-notes-')), 'notes');
  clock = T0;
  secrets = createMemorySecretStore();
  retention = memoryRetention();
  fsControl.refuseOpen = null;
  fsControl.failMidWrite = null;
});
afterEach(async () => {
  await chmod(dir, 0o700).catch(() => undefined);
  await rm(join(dir, '..'), { recursive: true, force: true });
});

describe('notes vault: save, reopen, edit, delete', () => {
  it('reads back a saved note after a restart, and the edit after that', async () => {
    const note = sampleNote();
    clock = T0 + 60;
    expect(await openVault().save(note)).toStrictEqual({ savedAt: T0 + 60 });

    const reopened = openVault();
    expect(await reopened.get(note.id)).toStrictEqual({ ...note, updatedAt: T0 + 60 });

    clock = T0 + 120;
    const edited = { ...note, goals: [...note.goals, 'Hausaufgaben gemeinsam planen'] };
    await reopened.save(edited);
    expect(await openVault().get(note.id)).toStrictEqual({ ...edited, updatedAt: T0 + 120 });
  });

  it('lists a note as confirmed only while it holds the outcomes that were confirmed', async () => {
    const vault = openVault();
    const note = sampleNote();
    await vault.save(note);
    expect((await vault.list()).notes[0]?.confirmed).toBe(true);
    await vault.save({ ...note, goals: [...note.goals, 'Neues Ziel'] });
    expect((await vault.list()).notes[0]?.confirmed).toBe(false);
  });

  it('lists the notes by label and date, newest session first', async () => {
    const vault = openVault();
    const older = sampleNote({ label: 'Herr A.', createdAt: T0 - 3 * DAY, confirmation: null });
    const newer = sampleNote({ label: 'Frau B.', createdAt: T0 - DAY, keep: true });
    const commented = sampleNote({
      label: 'Familie C.',
      createdAt: T0 - 2 * DAY,
      confirmation: { state: 'commented', comment: 'Termin passt nicht', at: T0 },
    });
    for (const note of [older, newer, commented]) await vault.save(note);

    expect(await vault.list()).toStrictEqual({
      notes: [
        {
          id: newer.id,
          label: 'Frau B.',
          createdAt: T0 - DAY,
          updatedAt: T0,
          keep: true,
          confirmed: true,
          deleteAfter: null,
        },
        {
          id: commented.id,
          label: 'Familie C.',
          createdAt: T0 - 2 * DAY,
          updatedAt: T0,
          keep: false,
          confirmed: false,
          deleteAfter: T0 + 30 * DAY,
        },
        {
          id: older.id,
          label: 'Herr A.',
          createdAt: T0 - 3 * DAY,
          updatedAt: T0,
          keep: false,
          confirmed: false,
          deleteAfter: T0 + 30 * DAY,
        },
      ],
      unreadable: 0,
      unreadableNotes: [],
    });
  });

  it('deletes a note for good', async () => {
    const vault = openVault();
    const note = sampleNote();
    const other = sampleNote();
    await vault.save(note);
    await vault.save(other);

    expect(await vault.remove(note.id)).toBe(true);
    await expectCode(vault.get(note.id), 'not-found');
    await expectCode(openVault().get(note.id), 'not-found');
    expect(await vault.remove(note.id)).toBe(false);
    expect((await vault.list()).notes.map((n) => n.id)).toStrictEqual([other.id]);
    expect([...(await filesIn()).keys()]).toStrictEqual([`${other.id}.note`]);
  });

  it('answers not-found for a note that never was, or an id that is not one', async () => {
    const vault = openVault();
    await expectCode(vault.get(newRandomId()), 'not-found');
    await expectCode(vault.get('../../etc/passwd'), 'not-found');
    expect(await vault.remove('../notes')).toBe(false);
    await expectCode(vault.save(sampleNote({ id: '../escape' })), 'invalid-request');
    expect(await vault.list()).toStrictEqual({ notes: [], unreadable: 0, unreadableNotes: [] });
  });

  it('keeps the newest of many autosaves sent at once', async () => {
    const vault = openVault();
    const note = sampleNote();
    await Promise.all(
      Array.from({ length: 25 }, (_, n) => vault.save({ ...note, freeText: `Fassung ${n}` })),
    );
    expect((await vault.get(note.id)).freeText).toBe('Fassung 24');
  });
});

describe('notes vault: what is on disk', () => {
  it('holds none of the note text, not the label in a file name, and not the key', async () => {
    const note = sampleNote({
      confirmation: { state: 'commented', comment: 'Bitte Uhrzeit ändern', at: T0 },
    });
    await openVault().save(note);
    const files = await filesIn();
    expect([...files.keys()]).toStrictEqual([`${note.id}.note`]);

    const key = (await secrets.get(NOTES_KEY_ACCOUNT)) ?? '';
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const needles = [
      'Müller',
      'Muller',
      'Erziehungsberatung',
      'Jonas',
      'Kinderarzt',
      'Lernförderung',
      'Dienstag',
      'Stromanbieter',
      'Uhrzeit',
      'label',
      'goals',
      'freeText',
      key,
    ];
    const [bytes] = [...files.values()] as [Buffer];
    for (const needle of needles) {
      expect(bytes.includes(needle), needle).toBe(false);
      expect(bytes.includes(Buffer.from(needle, 'utf16le')), needle).toBe(false);
    }
    expect(bytes.includes(Buffer.from(key, 'base64url'))).toBe(false);
  });

  it('writes no label or note text to the log', async () => {
    const vault = openVault();
    const note = sampleNote();
    await vault.save(note);
    await vault.list();
    await vault.remove(note.id);
    const log = logLines.join('\n');
    for (const needle of ['Müller', 'Jonas', note.id]) expect(log).not.toContain(needle);
  });

  it('ignores stray temporary files and foreign files, and clears old leftovers', async () => {
    const vault = openVault();
    const note = sampleNote();
    await vault.save(note);
    const stale = `${note.id}.note.0123456789ab.tmp`;
    const fresh = `${note.id}.note.ba9876543210.tmp`;
    await writeFile(join(dir, stale), randomBytes(40));
    await writeFile(join(dir, fresh), 'AUGENHOEHE-ENC-1');
    await writeFile(join(dir, 'desktop.ini'), '[.ShellClassInfo]');
    // The sweep compares with the real file times, so the clock must be the real one here.
    clock = Math.floor(Date.now() / 1000);
    const anHourAgo = new Date((clock - 3600) * 1000);
    await utimes(join(dir, stale), anHourAgo, anHourAgo);

    expect(await vault.list()).toMatchObject({ notes: [{ id: note.id }], unreadable: 0 });
    expect([...(await filesIn()).keys()].sort()).toStrictEqual(
      ['desktop.ini', fresh, `${note.id}.note`].sort(),
    );
  });
});

describe('notes vault: damage and a missing key', () => {
  it('reports a corrupted note and keeps the others readable; the damaged file stays', async () => {
    const vault = openVault();
    const [first, damaged, third] = [sampleNote(), sampleNote(), sampleNote()];
    for (const note of [first, damaged, third]) await vault.save(note);
    const path = join(dir, `${damaged.id}.note`);
    const bytes = await readFile(path);
    bytes[bytes.length - 5] = (bytes[bytes.length - 5] ?? 0) ^ 0x20;
    await writeFile(path, bytes);

    const listed = await openVault().list();
    expect(listed.unreadable).toBe(1);
    expect(listed.notes.map((n) => n.id).sort()).toStrictEqual([first.id, third.id].sort());
    await expectCode(vault.get(damaged.id), 'unreadable');
    expect((await vault.get(first.id)).label).toBe(first.label);
    expect(await vault.purgeExpired()).toBe(0);
    expect((await readFile(path)).equals(bytes)).toBe(true);
    expect(logLines.some((line) => line.includes('"code":"notes.unreadable"'))).toBe(true);
  });

  it.each<[string, (bytes: Buffer) => Buffer]>([
    ['empty', () => Buffer.alloc(0)],
    ['cut short', (bytes) => bytes.subarray(0, 30)],
    ['plain JSON', () => Buffer.from(JSON.stringify(sampleNote()))],
  ])('counts a note file that is %s as unreadable', async (_label, change) => {
    const vault = openVault();
    const note = sampleNote();
    await vault.save(note);
    const path = join(dir, `${note.id}.note`);
    await writeFile(path, change(await readFile(path)));
    expect(await vault.list()).toMatchObject({ notes: [], unreadable: 1 });
    await expectCode(vault.get(note.id), 'unreadable');
  });

  it('does not take a note file copied over another note for that note', async () => {
    const vault = openVault();
    const [a, b] = [sampleNote({ label: 'A' }), sampleNote({ label: 'B' })];
    await vault.save(a);
    await vault.save(b);
    await writeFile(join(dir, `${b.id}.note`), await readFile(join(dir, `${a.id}.note`)));
    await expectCode(vault.get(b.id), 'unreadable');
    expect(await vault.list()).toMatchObject({ notes: [{ id: a.id }], unreadable: 1 });
  });

  it('reports notes whose key is gone, keeps their files, and starts afresh for new ones', async () => {
    const [a, b] = [sampleNote(), sampleNote()];
    await openVault().save(a);
    await openVault().save(b);
    const before = await filesIn();
    await secrets.delete(NOTES_KEY_ACCOUNT);

    const vault = openVault();
    expect(await vault.list()).toMatchObject({ notes: [], unreadable: 2 });
    await expectCode(vault.get(a.id), 'unreadable');
    // Reading never makes a key: that would hide that the old one is gone.
    expect(await secrets.get(NOTES_KEY_ACCOUNT)).toBeNull();

    const c = sampleNote();
    await vault.save(c);
    expect((await vault.get(c.id)).id).toBe(c.id);
    const after = await filesIn();
    for (const [name, bytes] of before) expect(after.get(name)?.equals(bytes), name).toBe(true);
    expect(await vault.list()).toMatchObject({ notes: [{ id: c.id }], unreadable: 2 });
  });

  it('lists each unreadable note by id and time of its last save, and lets the worker remove it', async () => {
    const [older, newer, fine] = [sampleNote(), sampleNote(), sampleNote()];
    await openVault().save(older);
    await openVault().save(newer);
    await secrets.delete(NOTES_KEY_ACCOUNT);
    await openVault().save(fine);
    // The file system's clock, not the note's: the content cannot be read.
    const savedAt = (id: string) => Math.floor(statSync(join(dir, `${id}.note`)).mtimeMs / 1000);
    const threeDaysAgo = savedAt(newer.id) - 3 * DAY;
    utimesSync(join(dir, `${older.id}.note`), threeDaysAgo, threeDaysAgo);

    const vault = openVault();
    const listed = await vault.list();
    expect(listed.notes.map((n) => n.id)).toStrictEqual([fine.id]);
    expect(listed.unreadableNotes).toStrictEqual([
      { id: newer.id, savedAt: savedAt(newer.id) },
      { id: older.id, savedAt: threeDaysAgo },
    ]);
    // Nothing of the content, not even the label, crosses for an unreadable note.
    expect(JSON.stringify(listed.unreadableNotes)).not.toContain(older.label);

    expect(await vault.remove(older.id)).toBe(true);
    expect(await vault.list()).toMatchObject({
      notes: [{ id: fine.id }],
      unreadable: 1,
      unreadableNotes: [{ id: newer.id }],
    });
    expect([...(await filesIn()).keys()].sort()).toStrictEqual(
      [`${newer.id}.note`, `${fine.id}.note`].sort(),
    );
  });

  it('says the keychain is unavailable when it is locked, and changes nothing', async () => {
    const note = sampleNote();
    await openVault().save(note);
    const before = await filesIn();
    const locked: SecretStore = {
      kind: 'keychain',
      get: async () => {
        throw new Error('Cannot get secret of a locked object');
      },
      set: async () => {
        throw new Error('Cannot create an item in a locked collection');
      },
      delete: async () => false,
    };
    const vault = openVault({ secrets: locked });
    await expectCode(vault.save({ ...note, freeText: 'neu' }), 'keychain-unavailable');
    await expectCode(vault.save(sampleNote()), 'keychain-unavailable');
    await expectCode(vault.get(note.id), 'keychain-unavailable');
    await expectCode(vault.list(), 'keychain-unavailable');
    expect(await filesIn()).toStrictEqual(before);
    expect(await openVault().get(note.id)).toMatchObject({ freeText: note.freeText });
  });

  it('without a keychain at all saves nothing, and says so, rather than keep a key in memory', async () => {
    const vault = openVault({ secrets: createMissingSecretStore() });
    await expectCode(vault.save(sampleNote()), 'keychain-unavailable');
    await expect(readdir(dir)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(await vault.list()).toStrictEqual({ notes: [], unreadable: 0, unreadableNotes: [] });
  });

  it('without a keychain leaves notes saved earlier alone: locked, not unreadable', async () => {
    const note = sampleNote();
    await openVault().save(note);
    const before = await filesIn();
    const vault = openVault({ secrets: createMissingSecretStore() });
    await expectCode(vault.list(), 'keychain-unavailable');
    await expectCode(vault.get(note.id), 'keychain-unavailable');
    expect(await filesIn()).toStrictEqual(before);
  });
});

describe('notes vault: a disk that refuses writes', () => {
  it.each(['ENOSPC', 'EDQUOT', 'EROFS', 'EACCES', 'EPERM'])(
    'answers disk-full for %s and keeps the last saved version',
    async (code) => {
      const vault = openVault();
      const note = sampleNote();
      await vault.save(note);
      const before = await filesIn();

      fsControl.refuseOpen = code;
      await expectCode(vault.save({ ...note, freeText: 'nicht gespeichert' }), 'disk-full');
      await expectCode(vault.save(sampleNote()), 'disk-full');
      fsControl.refuseOpen = null;

      expect(await filesIn()).toStrictEqual(before);
      expect((await openVault().get(note.id)).freeText).toBe(note.freeText);
    },
  );

  it('leaves no half-written copy when the disk fills up during a write', async () => {
    const vault = openVault();
    const note = sampleNote();
    await vault.save(note);
    const before = await filesIn();

    fsControl.failMidWrite = 'ENOSPC';
    await expectCode(vault.save({ ...note, freeText: 'x'.repeat(10_000) }), 'disk-full');
    fsControl.failMidWrite = null;

    expect(await filesIn()).toStrictEqual(before);
    expect((await vault.get(note.id)).freeText).toBe(note.freeText);
    // The vault still works once there is room again.
    await vault.save({ ...note, freeText: 'wieder Platz' });
    expect((await vault.get(note.id)).freeText).toBe('wieder Platz');
  });

  it.runIf(process.platform !== 'win32' && process.getuid?.() !== 0)(
    'answers disk-full for a read-only notes folder (real permissions)',
    async () => {
      const vault = openVault();
      const note = sampleNote();
      await vault.save(note);
      await chmod(dir, 0o500);
      await expectCode(vault.save({ ...note, freeText: 'nicht gespeichert' }), 'disk-full');
      await chmod(dir, 0o700);
      expect((await vault.get(note.id)).freeText).toBe(note.freeText);
    },
  );
});

describe('notes vault: retention', () => {
  async function saveAt(vault: NotesVault, seconds: number, keep = false) {
    clock = seconds;
    const note = sampleNote({ createdAt: seconds, keep });
    await vault.save(note);
    return note.id;
  }

  it('deletes exactly the notes past the retention period that are not kept', async () => {
    const vault = openVault();
    const expired = await saveAt(vault, T0 - 31 * DAY);
    const dueNow = await saveAt(vault, T0 - 30 * DAY);
    const oneSecondLeft = await saveAt(vault, T0 - 30 * DAY + 1);
    const recent = await saveAt(vault, T0 - DAY);
    const kept = await saveAt(vault, T0 - 400 * DAY, true);
    clock = T0;

    expect(await vault.purgeExpired()).toBe(2);
    const left = (await vault.list()).notes.map((n) => n.id).sort();
    expect(left).toStrictEqual([oneSecondLeft, recent, kept].sort());
    await expectCode(vault.get(expired), 'not-found');
    await expectCode(vault.get(dueNow), 'not-found');
    expect(await vault.purgeExpired()).toBe(0);
    expect(logLines).toContainEqual(expect.stringContaining('"code":"notes.purged","count":2'));
  });

  it('counts from the last save, so an edited note lives on', async () => {
    const vault = openVault();
    const id = await saveAt(vault, T0 - 40 * DAY);
    clock = T0 - 5 * DAY;
    await vault.save({ ...(await vault.get(id)), freeText: 'ergänzt' });
    clock = T0;
    expect(await vault.purgeExpired()).toBe(0);
    expect((await vault.list()).notes[0]?.deleteAfter).toBe(T0 + 25 * DAY);
  });

  it('follows a changed retention setting, and a note unkept becomes due', async () => {
    const vault = openVault();
    const tenDays = await saveAt(vault, T0 - 10 * DAY);
    const fiveDays = await saveAt(vault, T0 - 5 * DAY);
    const kept = await saveAt(vault, T0 - 20 * DAY, true);
    clock = T0;
    expect(await vault.purgeExpired()).toBe(0);

    await retention.write({ ...retention.settings, noteRetentionDays: 7 });
    expect((await vault.list()).notes.map((n) => n.id).sort()).toStrictEqual(
      [fiveDays, kept].sort(),
    );
    await expectCode(vault.get(tenDays), 'not-found');

    clock = T0 + 1;
    await vault.save({ ...(await vault.get(kept)), keep: false });
    clock = T0 + 7 * DAY + 1;
    expect(await vault.purgeExpired()).toBe(2);
    expect(await vault.list()).toStrictEqual({ notes: [], unreadable: 0, unreadableNotes: [] });
  });

  it('never deletes an unreadable note by retention', async () => {
    const vault = openVault();
    const id = await saveAt(vault, T0 - 100 * DAY);
    await secrets.delete(NOTES_KEY_ACCOUNT);
    clock = T0;
    expect(await openVault().purgeExpired()).toBe(0);
    expect([...(await filesIn()).keys()]).toStrictEqual([`${id}.note`]);
  });
});

describe('notes vault: a writer killed mid-save', () => {
  const writerSource = fileURLToPath(new URL('./fixtures/vault-writer.ts', import.meta.url));
  let bundleDir: string;
  let writer: string;

  // Bundled once: a plain .mjs starts several times faster than going through tsx each
  // time, which is what keeps a hundred restarts within the time budget.
  beforeAll(async () => {
    const { build } = await import('esbuild');
    bundleDir = await mkdtemp(join(tmpdir(), 'augenhoehe-writer-'));
    writer = join(bundleDir, 'vault-writer.mjs');
    await build({
      entryPoints: [writerSource],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: writer,
      logLevel: 'silent',
    });
  });
  afterAll(async () => {
    await rm(bundleDir, { recursive: true, force: true });
  });

  /** Starts the writer, waits for its first save or two, kills it; returns the last saved version. */
  function runAndKill(laneDir: string, key: string, id: string, after: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [writer, laneDir, key, id], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      let errors = '';
      let timer: NodeJS.Timeout | undefined;
      let killed = false;
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        output += chunk;
        if (timer === undefined && !killed) {
          // A random moment after the loop is running: anywhere in a save, or between two.
          timer = setTimeout(() => {
            killed = child.kill('SIGKILL');
          }, after);
        }
      });
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        errors += chunk;
      });
      child.on('error', reject);
      child.on('exit', (_code, signal) => {
        clearTimeout(timer);
        if (signal !== 'SIGKILL') {
          reject(new Error(`writer ended by itself: ${errors.slice(0, 500)}`));
          return;
        }
        const versions = output
          .split('\n')
          .filter((line) => /^\d+$/.test(line))
          .map(Number);
        resolve(versions.at(-1) ?? 0);
      });
    });
  }

  it('leaves a readable last version every time (at least 100 kills)', async () => {
    const lanes = 4;
    const killsPerLane = 26;
    let killsMidWrite = 0;
    await Promise.all(
      Array.from({ length: lanes }, async (_, lane) => {
        const laneDir = join(dir, `lane-${lane}`);
        await mkdir(laneDir, { recursive: true });
        const key = randomBytes(32).toString('base64url');
        const id = newRandomId();
        let lastSeen = 0;
        const seenTemporaries = new Set<string>();
        for (let kill = 0; kill < killsPerLane; kill += 1) {
          const acknowledged = await runAndKill(laneDir, key, id, Math.floor(Math.random() * 25));
          const keyStore = createMemorySecretStore();
          await keyStore.set(NOTES_KEY_ACCOUNT, key);
          const vault = createNotesVault({
            dir: laneDir,
            secrets: keyStore,
            retention,
            logger: createLogger(() => {}),
          });
          const note = await vault.get(id);
          const version = Number(note.goals[0]);
          // The last acknowledged save, or the one under way when the kill came.
          expect(version, `lane ${lane}, kill ${kill}`).toBeGreaterThanOrEqual(
            Math.max(acknowledged, lastSeen),
          );
          expect(version).toBeLessThanOrEqual(Math.max(acknowledged, lastSeen) + 1);
          expect(note).toStrictEqual({ ...noteVersion(id, version), updatedAt: note.updatedAt });
          expect((await vault.list()).unreadable).toBe(0);
          lastSeen = version;
          const temporaries = (await readdir(laneDir)).filter((name) => name.endsWith('.tmp'));
          if (temporaries.some((name) => !seenTemporaries.has(name))) killsMidWrite += 1;
          for (const name of temporaries) seenTemporaries.add(name);
        }
      }),
    );
    // A kill inside a write leaves its temporary file behind: proof the test hit that window.
    expect(killsMidWrite).toBeGreaterThan(0);
  }, 300_000);
});
