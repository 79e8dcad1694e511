import type * as FsPromises from 'node:fs/promises';
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  encryptedJsonFile,
  UnreadableFileError,
  type EncryptedJsonFile,
} from '../../src-main/services/encrypted-file';
import { createMemorySecretStore, type SecretStore } from '../../src-main/services/secret-store';

// Lets a test make the final rename fail, as a full disk or a locked file would.
const fsControl = vi.hoisted(() => ({ failRename: false }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof FsPromises>();
  return {
    ...actual,
    rename: async (from: string, to: string) => {
      if (fsControl.failRename) throw Object.assign(new Error('EXDEV'), { code: 'EXDEV' });
      return actual.rename(from, to);
    },
  };
});

interface Notes {
  label: string;
  invites: string[];
}

const account = 'consultations-file-key';
const plaintext: Notes = {
  label: 'Familie Muster, Suchtberatung',
  invites: ['https://gast.example.org/#v=2&k=Schluessel'],
};

let dir: string;
let path: string;
let secrets: SecretStore;
let file: EncryptedJsonFile<Notes | null>;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'augenhoehe-enc-'));
  path = join(dir, 'data', 'consultations.enc');
  secrets = createMemorySecretStore();
  file = encryptedJsonFile<Notes | null>(path, secrets, account);
  fsControl.failRename = false;
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function damage(change: (bytes: Buffer) => Buffer): Promise<void> {
  await writeFile(path, change(await readFile(path)));
}

describe('encryptedJsonFile', () => {
  it('reads back what was written, in a fresh instance with the same key store', async () => {
    await file.write(plaintext);
    expect(await file.read(null)).toStrictEqual(plaintext);
    expect(await encryptedJsonFile<Notes>(path, secrets, account).read(plaintext)).toStrictEqual(
      plaintext,
    );
  });

  it('keeps the latest version after several writes', async () => {
    await file.write(plaintext);
    await file.write({ ...plaintext, label: 'Familie B.' });
    expect(await file.read(null)).toStrictEqual({ ...plaintext, label: 'Familie B.' });
  });

  it('puts none of the plaintext and not the key on disk', async () => {
    await file.write(plaintext);
    const onDisk = await readFile(path);
    const key = (await secrets.get(account)) ?? '';
    expect(key).toMatch(/^[A-Za-z0-9_-]{43}$/);
    for (const needle of [
      'Familie',
      'Muster',
      'Sucht',
      'gast.example.org',
      'Schluessel',
      'label',
      'invites',
      key,
    ]) {
      expect(onDisk.includes(needle), needle).toBe(false);
      expect(onDisk.includes(Buffer.from(needle, 'utf16le')), needle).toBe(false);
    }
    expect(onDisk.includes(Buffer.from(key, 'base64url'))).toBe(false);
  });

  it('writes a different file each time, even for the same content (fresh IV)', async () => {
    await file.write(plaintext);
    const first = await readFile(path);
    await file.write(plaintext);
    expect((await readFile(path)).equals(first)).toBe(false);
  });

  it.runIf(process.platform !== 'win32')('is readable by its owner only', async () => {
    await file.write(plaintext);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('answers the fallback for a missing file, without making a key', async () => {
    expect(await file.read(null)).toBeNull();
    expect(await file.read(plaintext)).toStrictEqual(plaintext);
    expect(await secrets.get(account)).toBeNull();
  });

  it('refuses with the wrong key', async () => {
    await file.write(plaintext);
    const other = createMemorySecretStore();
    await other.set(account, Buffer.alloc(32, 7).toString('base64url'));
    await expect(encryptedJsonFile(path, other, account).read(null)).rejects.toBeInstanceOf(
      UnreadableFileError,
    );
  });

  it('refuses when the key is gone but the file is there', async () => {
    await file.write(plaintext);
    await secrets.delete(account);
    await expect(file.read(null)).rejects.toBeInstanceOf(UnreadableFileError);
    // Reading does not quietly make a new key either.
    expect(await secrets.get(account)).toBeNull();
  });

  // Layout: 16-byte marker, 12-byte IV, 16-byte tag, then the ciphertext.
  it.each<[string, (bytes: Buffer) => Buffer]>([
    ['an empty file', () => Buffer.alloc(0)],
    ['only the marker', (bytes) => bytes.subarray(0, 16)],
    ['cut inside the tag', (bytes) => bytes.subarray(0, 40)],
    ['the ciphertext cut short by one byte', (bytes) => bytes.subarray(0, bytes.length - 1)],
    ['a byte appended', (bytes) => Buffer.concat([bytes, Buffer.from([0])])],
    ['plain JSON instead', () => Buffer.from(JSON.stringify(plaintext))],
  ])('refuses %s', async (_label, change) => {
    await file.write(plaintext);
    await damage(change);
    await expect(file.read(null)).rejects.toBeInstanceOf(UnreadableFileError);
  });

  it.each([
    ['the marker', 0],
    ['the IV', 20],
    ['the tag', 35],
    ['the first ciphertext byte', 44],
    ['the last byte', -1],
  ])('refuses a file with one bit flipped in %s', async (_label, offset) => {
    await file.write(plaintext);
    await damage((bytes) => {
      const copy = Buffer.from(bytes);
      const at = offset < 0 ? copy.length + offset : offset;
      copy[at] = (copy[at] ?? 0) ^ 0x01;
      return copy;
    });
    await expect(file.read(null)).rejects.toBeInstanceOf(UnreadableFileError);
  });

  it('leaves no temporary file behind', async () => {
    for (let i = 0; i < 3; i += 1) await file.write({ ...plaintext, label: `v${i}` });
    expect(await readdir(join(dir, 'data'))).toStrictEqual(['consultations.enc']);
  });

  it('keeps the previous version, and no temporary file, when the final rename fails', async () => {
    await file.write(plaintext);
    const before = await readFile(path);
    fsControl.failRename = true;
    await expect(file.write({ ...plaintext, label: 'Familie B.' })).rejects.toThrow('EXDEV');
    fsControl.failRename = false;
    expect((await readFile(path)).equals(before)).toBe(true);
    expect(await file.read(null)).toStrictEqual(plaintext);
    expect(await readdir(join(dir, 'data'))).toStrictEqual(['consultations.enc']);
  });
});
