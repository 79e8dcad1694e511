/**
 * A small JSON document kept encrypted at rest (AES-256-GCM) with a random key that lives
 * in the secret store, written atomically (temporary file, fsync, rename) so a crash
 * leaves either the old or the new version, never half of one.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { SecretStore } from './secret-store';

const MAGIC = 'AUGENHOEHE-ENC-1';

export class UnreadableFileError extends Error {
  override name = 'UnreadableFileError';
}

/** The secret store answered with an error (locked, or no Secret Service running). */
export class KeychainUnavailableError extends Error {
  override name = 'KeychainUnavailableError';
}

/**
 * The file key for `account`: null when there is none and `create` is false. Throws
 * KeychainUnavailableError when the store itself fails, so callers can tell a locked
 * keychain (try again later) from a key that is gone (the files are lost).
 */
export async function loadFileKey(
  secrets: SecretStore,
  account: string,
  create: boolean,
): Promise<Buffer | null> {
  let stored: string | null;
  try {
    stored = await secrets.get(account);
  } catch {
    throw new KeychainUnavailableError('get');
  }
  const key = stored ? Buffer.from(stored, 'base64url') : null;
  // A damaged keychain entry counts as no key: reading fails cleanly, writing starts afresh.
  if (key?.length === 32) return key;
  if (!create) return null;
  const fresh = randomBytes(32);
  try {
    await secrets.set(account, fresh.toString('base64url'));
  } catch {
    throw new KeychainUnavailableError('set');
  }
  return fresh;
}

export function encrypt(key: Buffer, plaintext: Buffer): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(MAGIC));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([Buffer.from(MAGIC), iv, cipher.getAuthTag(), body]);
}

export function decrypt(key: Buffer, data: Buffer): Buffer {
  const magic = data.subarray(0, MAGIC.length).toString();
  if (magic !== MAGIC || data.length < MAGIC.length + 28) throw new UnreadableFileError('not ours');
  const iv = data.subarray(MAGIC.length, MAGIC.length + 12);
  const tag = data.subarray(MAGIC.length + 12, MAGIC.length + 28);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(MAGIC));
  decipher.setAuthTag(tag);
  try {
    return Buffer.concat([decipher.update(data.subarray(MAGIC.length + 28)), decipher.final()]);
  } catch {
    throw new UnreadableFileError('corrupt or wrong key');
  }
}

/** Temporary files are `<file>.<12 hex>.tmp`, next to the file they will replace. */
export const TEMPORARY_FILE = /\.[0-9a-f]{12}\.tmp$/;

export async function writeFileAtomically(file: string, data: Uint8Array): Promise<void> {
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    const handle = await open(temporary, 'w', 0o600);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    // A full disk often fails halfway through: leave no partial copy lying about.
    await rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  }
  await syncDirectory(dirname(file));
}

/** Makes the rename itself durable; where directories cannot be opened (Windows) the rename stands. */
async function syncDirectory(directory: string): Promise<void> {
  try {
    const handle = await open(directory, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Best effort: the data is already in place, only its durability across a power cut is less sure.
  }
}

export interface EncryptedJsonFile<T> {
  /** `fallback` when the file does not exist yet; throws UnreadableFileError when it cannot be read. */
  read(fallback: T): Promise<T>;
  write(value: T): Promise<void>;
}

export function encryptedJsonFile<T>(
  file: string,
  secrets: SecretStore,
  keyAccount: string,
): EncryptedJsonFile<T> {
  return {
    async read(fallback) {
      let data: Buffer;
      try {
        data = await readFile(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return fallback;
        throw error;
      }
      const key = await loadFileKey(secrets, keyAccount, false);
      if (!key) throw new UnreadableFileError('key is gone');
      return JSON.parse(decrypt(key, data).toString('utf8')) as T;
    },
    async write(value) {
      const key = await loadFileKey(secrets, keyAccount, true);
      await writeFileAtomically(
        file,
        encrypt(key as Buffer, Buffer.from(JSON.stringify(value), 'utf8')),
      );
    },
  };
}
