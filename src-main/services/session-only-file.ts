import type { EncryptedJsonFile } from './encrypted-file';

/**
 * A list kept for this run only, never written to disk: where no keychain can hold a file
 * key, an encrypted file could not be read after a restart anyway. The page says so on its
 * first screen, so nobody is surprised when the list is empty next time.
 */
export function sessionOnlyJsonFile<T>(): EncryptedJsonFile<T> {
  let kept: string | null = null;
  return {
    async read(fallback) {
      return kept === null ? fallback : (JSON.parse(kept) as T);
    },
    async write(value) {
      kept = JSON.stringify(value);
    },
  };
}
