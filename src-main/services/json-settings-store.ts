import { readFile } from 'node:fs/promises';
import { writeFileAtomically } from './encrypted-file';
import type { SettingsStore, StoredServerSettings } from './server-settings';

/** Settings as a JSON file (browser mode and tests; the Electron app uses electron-store). */
export function createJsonSettingsStore(file: string): SettingsStore {
  return {
    async read() {
      try {
        return JSON.parse(await readFile(file, 'utf8')) as StoredServerSettings;
      } catch {
        return null;
      }
    },
    async write(settings) {
      await writeFileAtomically(file, Buffer.from(JSON.stringify(settings, null, 2)));
    },
  };
}
