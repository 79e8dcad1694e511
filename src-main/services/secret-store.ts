/**
 * Where the LiveKit API secret lives. The OS keychain in the app; memory in unit tests and
 * where no keychain service runs (then only the local development server's secret, which
 * already sits in a git-ignored file, is kept there).
 */
export interface SecretStore {
  readonly kind: 'keychain' | 'memory';
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

/**
 * Opens the keychain and proves it answers (a locked or missing Secret Service only fails
 * on first use), falling back to memory with the reason so the caller can log it.
 */
export async function openSecretStore(
  loadKeytar: () => Promise<KeytarLike>,
): Promise<{ store: SecretStore; keychainError?: 'unavailable' }> {
  try {
    const store = createKeychainSecretStore(await loadKeytar());
    await store.get('availability-probe');
    return { store };
  } catch {
    return { store: createMemorySecretStore(), keychainError: 'unavailable' };
  }
}
