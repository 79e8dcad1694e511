import Store from 'electron-store';
import type { SettingsStore, StoredServerSettings } from '../services/server-settings';

/** Server settings in electron-store (a JSON file in the app's data folder; no secret). */
export function createElectronSettingsStore(): SettingsStore {
  const store = new Store<{ server?: StoredServerSettings }>({
    name: 'settings',
    // A corrupt file would otherwise stop the app from starting; the worker can only set the
    // server up again, which the first-run screen then offers.
    clearInvalidConfig: true,
  });
  return {
    async read() {
      return store.get('server') ?? null;
    },
    async write(settings) {
      store.set('server', settings);
    },
  };
}
