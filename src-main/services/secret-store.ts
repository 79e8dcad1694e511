/**
 * Where the LiveKit API secret and the file keys live: the OS keychain. There is no quiet
 * fallback: where no keychain answers, the store is `missing` and every use fails, so
 * each caller says so (keychain-unavailable) rather than keep a key that dies with the
 * process and takes the files it locked with it. A `memory` store exists for tests only.
 */
export interface SecretStore {
  readonly kind: 'keychain' | 'memory' | 'missing';
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  delete(account: string): Promise<boolean>;
}

/** The part of keytar we use; passed in so this module never loads the native addon itself. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export const KEYCHAIN_SERVICE = 'Augenhoehe LiveKit API';

export function createKeychainSecretStore(
  keytar: KeytarLike,
  service = KEYCHAIN_SERVICE,
): SecretStore {
  return {
    kind: 'keychain',
    get: (account) => keytar.getPassword(service, account),
    set: (account, secret) => keytar.setPassword(service, account, secret),
    delete: (account) => keytar.deletePassword(service, account),
  };
}

/** For tests and the end-to-end app only: gone when the process ends. */
export function createMemorySecretStore(): SecretStore {
  const secrets = new Map<string, string>();
  return {
    kind: 'memory',
    get: async (account) => secrets.get(account) ?? null,
    set: async (account, secret) => {
      secrets.set(account, secret);
    },
    delete: async (account) => secrets.delete(account),
  };
}

/** No keychain answered at start: every use fails, and the page tells the person why. */
export function createMissingSecretStore(): SecretStore {
  const refuse = async (): Promise<never> => {
    throw new Error('no keychain');
  };
  return { kind: 'missing', get: refuse, set: refuse, delete: refuse };
}

/**
 * Opens the keychain and proves it answers (a locked or missing Secret Service only fails
 * on first use); where it does not, the `missing` store, never one in memory.
 */
export async function openSecretStore(loadKeytar: () => Promise<KeytarLike>): Promise<SecretStore> {
  try {
    const store = createKeychainSecretStore(await loadKeytar());
    await store.get('availability-probe');
    return store;
  } catch {
    return createMissingSecretStore();
  }
}
