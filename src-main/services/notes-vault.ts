/**
 * Outcome notes on the worker's machine: one file per note, AES-256-GCM with a random key
 * kept in the OS keychain, written atomically; deleted after the retention period unless
 * the worker keeps them.
 */
import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { isConfirmationCurrent } from '../../src-shared/outcomes';
import {
  OutcomeNote,
  type NoteSummaryView,
  type OutcomeNoteView,
  type UnreadableNoteView,
} from '../../src-shared/ipc-contract';
import {
  decrypt,
  encrypt,
  KeychainUnavailableError,
  loadFileKey,
  TEMPORARY_FILE,
  UnreadableFileError,
  writeFileAtomically,
} from './encrypted-file';
import type { Logger } from './logger';
import { defaultRetention, type RetentionStore } from './privacy-settings';
import type { SecretStore } from './secret-store';
import { createWriteQueue } from './write-queue';
import { isWriteRefused, ServiceError } from './service-error';

export interface NotesVault {
  /**
   * Every readable note; `unreadableNotes` are the ones that are damaged or whose key is
   * gone, by id and time of the last save, so they can be looked at and removed.
   */
  list(): Promise<{
    notes: NoteSummaryView[];
    unreadable: number;
    unreadableNotes: UnreadableNoteView[];
  }>;
  /** Throws ServiceError('not-found' | 'unreadable'). */
  get(id: string): Promise<OutcomeNoteView>;
  /** Throws ServiceError('disk-full' | 'keychain-unavailable'); the last saved version stays intact. */
  save(note: OutcomeNoteView): Promise<{ savedAt: number }>;
  remove(id: string): Promise<boolean>;
  /** Deletes notes past the retention period (not kept); returns how many. */
  purgeExpired(): Promise<number>;
}

export interface NoteExport {
  fileName: string;
  mimeType: string;
  bytes: Uint8Array;
}

export interface NotesVaultDeps {
  /** A folder for the notes alone; files in it that are not notes are left alone. */
  dir: string;
  secrets: SecretStore;
  retention: RetentionStore;
  logger: Logger;
  /** Milliseconds since the epoch. */
  now?: () => number;
}

/** API keys cannot contain spaces, so this account never clashes with one. */
export const NOTES_KEY_ACCOUNT = 'file key notes';

const DAY_SECONDS = 24 * 60 * 60;
const NOTE_ID = /^[A-Za-z0-9_-]{22}$/;
const NOTE_FILE = /^([A-Za-z0-9_-]{22})\.note$/;
/** A temporary file this old belongs to a write that was cut off (crash, kill, power cut). */
const STALE_TEMPORARY_MS = 10 * 60 * 1000;

/** When a note will be deleted, in seconds since the epoch; null when the worker keeps it. */
export function noteDeleteAfter(
  note: Pick<OutcomeNoteView, 'keep' | 'updatedAt'>,
  retentionDays: number,
): number | null {
  return note.keep ? null : note.updatedAt + retentionDays * DAY_SECONDS;
}

type ReadResult = { note: OutcomeNoteView } | { missing: true } | { unreadable: true };

export function createNotesVault(deps: NotesVaultDeps): NotesVault {
  const now = deps.now ?? Date.now;
  const nowSeconds = () => Math.floor(now() / 1000);
  const fileOf = (id: string) => join(deps.dir, `${id}.note`);

  // Autosave sends versions in quick succession: writing one at a time keeps the newest last,
  // and a purge never deletes a note that a save has just renewed.
  const exclusive = createWriteQueue();

  async function key(create: boolean): Promise<Buffer | null> {
    try {
      return await loadFileKey(deps.secrets, NOTES_KEY_ACCOUNT, create);
    } catch (error) {
      if (error instanceof KeychainUnavailableError) {
        deps.logger.event('notes.keychain_unavailable');
        throw new ServiceError('keychain-unavailable');
      }
      throw error;
    }
  }

  async function retentionDays(): Promise<number> {
    try {
      return (await deps.retention.read()).noteRetentionDays;
    } catch {
      return defaultRetention.noteRetentionDays;
    }
  }

  async function readNote(id: string, fileKey: Buffer | null): Promise<ReadResult> {
    let data: Buffer;
    try {
      data = await readFile(fileOf(id));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { missing: true };
      return { unreadable: true };
    }
    if (!fileKey) return { unreadable: true };
    try {
      const parsed = OutcomeNote.safeParse(JSON.parse(decrypt(fileKey, data).toString('utf8')));
      // A file renamed to another note's name is not that note.
      if (parsed.success && parsed.data.id === id) return { note: parsed.data };
      return { unreadable: true };
    } catch (error) {
      if (error instanceof UnreadableFileError || error instanceof SyntaxError) {
        return { unreadable: true };
      }
      throw error;
    }
  }

  async function noteIds(): Promise<{ ids: string[]; temporaries: string[] }> {
    let names: string[];
    try {
      names = await readdir(deps.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ids: [], temporaries: [] };
      throw error;
    }
    const ids: string[] = [];
    const temporaries: string[] = [];
    for (const name of names) {
      const match = NOTE_FILE.exec(name);
      if (match?.[1]) ids.push(match[1]);
      else if (TEMPORARY_FILE.test(name) && NOTE_FILE.test(name.replace(TEMPORARY_FILE, ''))) {
        temporaries.push(name);
      }
    }
    return { ids, temporaries };
  }

  /** Reads every note, deletes the expired ones and the leftovers of cut-off writes. */
  async function sweep(): Promise<{
    notes: OutcomeNoteView[];
    unreadable: UnreadableNoteView[];
    purged: number;
    days: number;
  }> {
    const { ids, temporaries } = await noteIds();
    const days = await retentionDays();
    const fileKey = ids.length > 0 ? await key(false) : null;
    const notes: OutcomeNoteView[] = [];
    const unreadable: UnreadableNoteView[] = [];
    let purged = 0;
    for (const id of ids) {
      const read = await readNote(id, fileKey);
      if ('missing' in read) continue;
      // Unreadable notes stay until the worker removes them: the key may come back with a
      // restored keychain.
      if ('unreadable' in read) {
        const savedAt = await stat(fileOf(id)).then(
          (info) => Math.floor(info.mtimeMs / 1000),
          () => null,
        );
        if (savedAt !== null) unreadable.push({ id, savedAt });
        continue;
      }
      const deleteAfter = noteDeleteAfter(read.note, days);
      if (deleteAfter !== null && deleteAfter <= nowSeconds()) {
        try {
          await rm(fileOf(id), { force: true });
          purged += 1;
        } catch {
          deps.logger.event('notes.purge_failed');
          notes.push(read.note);
        }
        continue;
      }
      notes.push(read.note);
    }
    for (const name of temporaries) {
      const path = join(deps.dir, name);
      try {
        if (now() - (await stat(path)).mtimeMs > STALE_TEMPORARY_MS)
          await rm(path, { force: true });
      } catch {
        // Someone else removed it, or the disk is read-only: it holds only ciphertext anyway.
      }
    }
    if (purged > 0) deps.logger.event('notes.purged', { count: purged });
    if (unreadable.length > 0) deps.logger.event('notes.unreadable', { count: unreadable.length });
    return { notes, unreadable, purged, days };
  }

  return {
    list: () =>
      exclusive(async () => {
        const { notes, unreadable, days } = await sweep();
        const summaries = await Promise.all(
          notes
            .sort((a, b) => b.createdAt - a.createdAt || b.updatedAt - a.updatedAt)
            .map(async (note) => ({
              id: note.id,
              label: note.label,
              createdAt: note.createdAt,
              updatedAt: note.updatedAt,
              keep: note.keep,
              confirmed:
                note.confirmation?.state === 'confirmed' && (await isConfirmationCurrent(note)),
              deleteAfter: noteDeleteAfter(note, days),
            })),
        );
        return {
          notes: summaries,
          unreadable: unreadable.length,
          unreadableNotes: unreadable.sort((a, b) => b.savedAt - a.savedAt),
        };
      }),

    async get(id) {
      if (!NOTE_ID.test(id)) throw new ServiceError('not-found');
      const read = await readNote(id, await key(false));
      if ('missing' in read) throw new ServiceError('not-found');
      if ('unreadable' in read) {
        deps.logger.event('notes.unreadable', { count: 1 });
        throw new ServiceError('unreadable');
      }
      return read.note;
    },

    save: (note) =>
      exclusive(async () => {
        if (!NOTE_ID.test(note.id)) throw new ServiceError('invalid-request');
        const fileKey = (await key(true)) as Buffer;
        // Retention counts from the last save, on this machine's clock.
        const savedAt = nowSeconds();
        const stored: OutcomeNoteView = { ...note, updatedAt: savedAt };
        try {
          await writeFileAtomically(
            fileOf(note.id),
            encrypt(fileKey, Buffer.from(JSON.stringify(stored), 'utf8')),
          );
        } catch (error) {
          if (isWriteRefused(error)) {
            deps.logger.event('notes.save_failed', { disk: true });
            throw new ServiceError('disk-full');
          }
          deps.logger.event('notes.save_failed', { disk: false });
          throw error;
        }
        return { savedAt };
      }),

    remove: (id) =>
      exclusive(async () => {
        if (!NOTE_ID.test(id)) return false;
        try {
          await rm(fileOf(id));
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
          if (isWriteRefused(error)) throw new ServiceError('disk-full');
          throw error;
        }
        deps.logger.event('notes.deleted');
        return true;
      }),

    purgeExpired: () => exclusive(async () => (await sweep()).purged),
  };
}
