/**
 * Which LiveKit server the app uses: the embedded local test server, or the organisation's
 * server (URL and API key in the settings store, API secret in the OS keychain).
 */
import type { ServerSettingsViewType } from '../../src-shared/ipc-contract';
import type { ApiCredentials } from './call-tokens';
import type { LocalServerConfig } from './local-server-config';
import { parseGuestPageAddress, parseServerAddress } from '../../src-shared/server-address';
import { createRoomAdmin, LivekitServerError, type RoomAdmin } from './room-admin';
import type { SecretStore } from './secret-store';
import { ServiceError, writeOrDiskFull } from './service-error';
import { createWriteQueue } from './write-queue';

/** The server to talk to right now, with its secret (main process only). */
export interface ActiveServer {
  serverUrl: string;
  apiKey: string;
  apiSecret: string;
  guestPageUrl: string;
  usingLocalServer: boolean;
}

export interface CustomServerInput {
  serverUrl: string;
  apiKey: string;
  /** Omitted to use the secret stored for this very address and key. */
  apiSecret?: string;
}

export interface ServerSettingsService {
  view(): Promise<ServerSettingsViewType>;
  /** Throws ServiceError: not-configured, no-credentials or keychain-unavailable. */
  active(): Promise<ActiveServer>;
  /** Throws LivekitServerError (unreachable, rejected) or ServiceError. */
  test(input: CustomServerInput): Promise<void>;
  save(
    input: ({ mode: 'custom'; guestPageUrl: string } & CustomServerInput) | { mode: 'local' },
  ): Promise<ServerSettingsViewType>;
}

export interface ServerSettingsDeps {
  secrets: SecretStore;
  /** The embedded server `npm start` runs, if any. */
  localServer: LocalServerConfig | null;
  /** Where the guest page for the local server is served. */
  localGuestPageUrl: () => string;
  /** Where settings are kept: electron-store in the app, a JSON file in browser mode. */
  store: SettingsStore;
  /** Talks to a server's API; tests pass a fake so they need no server. */
  roomAdmin?: (serverUrl: string, credentials: ApiCredentials) => RoomAdmin;
  /** How long a connection test may take before the server counts as unreachable. */
  connectionTestTimeoutMs?: number;
}

/** What is stored (never the secret: that lives in the SecretStore). */
export interface StoredServerSettings {
  mode: 'local' | 'custom';
  serverUrl?: string;
  apiKey?: string;
  guestPageUrl?: string;
}

export interface SettingsStore {
  read(): Promise<StoredServerSettings | null>;
  write(settings: StoredServerSettings): Promise<void>;
}

/** Long enough for a slow VPN, short enough that a blackholed address does not hang the form. */
export const CONNECTION_TEST_TIMEOUT_MS = 8_000;

/**
 * The signalling address LiveKit clients expect, written one way for one server (see
 * parseServerAddress): anything else, or an unencrypted address off this computer, is
 * an invalid request.
 */
export function normaliseServerUrl(input: string): string {
  const parsed = parseServerAddress(input.trim());
  if (!parsed.ok) throw new ServiceError('invalid-request');
  return parsed.url;
}

function normaliseGuestPageUrl(input: string): string {
  const parsed = parseGuestPageAddress(input.trim());
  if (!parsed.ok) throw new ServiceError('invalid-request');
  return parsed.url;
}

/**
 * The keychain entry for a server's API secret. It names the server address the secret was
 * saved with, so main signs with it for that server only: a page asking to test another
 * address with "the stored secret", or a settings file pointed at another server, finds no
 * secret at all. API keys hold no spaces and addresses start with ws, so entries never clash.
 */
export function secretAccount(apiKey: string, serverUrl: string): string {
  return `${apiKey} ${serverUrl}`;
}

/**
 * A file edited by hand or by an older version must not crash the app: unknown means
 * unset, and so does an address the settings form would refuse.
 */
function validStored(value: unknown): StoredServerSettings | null {
  if (typeof value !== 'object' || value === null) return null;
  const { mode, serverUrl, apiKey, guestPageUrl } = value as Record<string, unknown>;
  if (mode !== 'local' && mode !== 'custom') return null;
  const text = (field: unknown) => (typeof field === 'string' && field ? field : undefined);
  const server = parseServerAddress(serverUrl);
  const guestPage = parseGuestPageAddress(guestPageUrl);
  const key = text(apiKey);
  return {
    mode,
    serverUrl: server.ok ? server.url : undefined,
    apiKey: key && /^[\x21-\x7e]{1,128}$/.test(key) ? key : undefined,
    guestPageUrl: guestPage.ok ? guestPage.url : undefined,
  };
}

interface CompleteCustom {
  serverUrl: string;
  apiKey: string;
  guestPageUrl: string;
}

function completeCustom(stored: StoredServerSettings | null): CompleteCustom | null {
  if (!stored?.serverUrl || !stored.apiKey || !stored.guestPageUrl) return null;
  return { serverUrl: stored.serverUrl, apiKey: stored.apiKey, guestPageUrl: stored.guestPageUrl };
}

export function createServerSettings(deps: ServerSettingsDeps): ServerSettingsService {
  const roomAdmin = deps.roomAdmin ?? createRoomAdmin;
  const timeLimit = deps.connectionTestTimeoutMs ?? CONNECTION_TEST_TIMEOUT_MS;
  // Saves run one at a time: each reads what the last one stored and may delete its secret.
  const exclusive = createWriteQueue();

  async function readStored(): Promise<StoredServerSettings | null> {
    return validStored(await deps.store.read());
  }

  /** Which server is in use: the stored choice, else the local server when it runs. */
  function modeOf(stored: StoredServerSettings | null): 'local' | 'custom' | null {
    if (stored?.mode === 'local') return deps.localServer ? 'local' : null;
    if (stored?.mode === 'custom') return completeCustom(stored) ? 'custom' : null;
    return deps.localServer ? 'local' : null;
  }

  /** A locked or missing keychain is a failure the user can act on, not an internal error. */
  async function storedSecret(apiKey: string, serverUrl: string): Promise<string | null> {
    try {
      return await deps.secrets.get(secretAccount(apiKey, serverUrl));
    } catch {
      throw new ServiceError('keychain-unavailable');
    }
  }

  async function checkConnection(serverUrl: string, credentials: ApiCredentials): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const givingUp = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new LivekitServerError('server-unreachable')), timeLimit);
    });
    try {
      await Promise.race([roomAdmin(serverUrl, credentials).check(), givingUp]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Tests the given settings; returns the normalised address and the secret that worked. */
  async function testCustom(
    input: CustomServerInput,
  ): Promise<{ serverUrl: string; apiKey: string; apiSecret: string }> {
    const serverUrl = normaliseServerUrl(input.serverUrl);
    const apiKey = input.apiKey.trim();
    if (!apiKey) throw new ServiceError('invalid-request');
    const apiSecret = input.apiSecret || (await storedSecret(apiKey, serverUrl));
    if (!apiSecret) throw new ServiceError('no-credentials');
    await checkConnection(serverUrl, { apiKey, apiSecret });
    return { serverUrl, apiKey, apiSecret };
  }

  async function view(): Promise<ServerSettingsViewType> {
    const stored = await readStored();
    const local = deps.localServer;
    const localServerAvailable = local !== null;
    if (modeOf(stored) === 'local' && local) {
      return {
        configured: true,
        mode: 'local',
        serverUrl: local.serverUrl,
        apiKey: local.apiKey,
        hasSecret: true,
        guestPageUrl: deps.localGuestPageUrl(),
        localServerAvailable,
      };
    }
    // The organisation's server, or (nothing usable yet) whatever was typed before, so the
    // first-run screen starts from it.
    const apiKey = stored?.apiKey ?? '';
    const serverUrl = stored?.serverUrl ?? '';
    let hasSecret = false;
    if (apiKey && serverUrl) {
      hasSecret = await storedSecret(apiKey, serverUrl).then(Boolean, () => false);
    }
    return {
      configured: modeOf(stored) === 'custom' && hasSecret,
      mode: 'custom',
      serverUrl,
      apiKey,
      hasSecret,
      guestPageUrl: stored?.guestPageUrl ?? '',
      localServerAvailable,
    };
  }

  return {
    view,

    async active() {
      const stored = await readStored();
      const mode = modeOf(stored);
      const local = deps.localServer;
      if (mode === 'local' && local) {
        // The embedded server's own key pair: always right, and needs no keychain.
        return {
          serverUrl: local.serverUrl,
          apiKey: local.apiKey,
          apiSecret: local.apiSecret,
          guestPageUrl: deps.localGuestPageUrl(),
          usingLocalServer: true,
        };
      }
      const custom = mode === 'custom' ? completeCustom(stored) : null;
      if (!custom) throw new ServiceError('not-configured');
      const apiSecret = await storedSecret(custom.apiKey, custom.serverUrl);
      if (!apiSecret) throw new ServiceError('no-credentials');
      return { ...custom, apiSecret, usingLocalServer: false };
    },

    async test(input) {
      await testCustom(input);
    },

    save: (input) =>
      exclusive(async () => {
        const previous = await readStored();
        if (input.mode === 'local') {
          if (!deps.localServer) throw new ServiceError('not-configured');
          // The organisation's settings stay, so switching back needs no retyping.
          await writeOrDiskFull(() => deps.store.write({ ...previous, mode: 'local' }));
          return view();
        }
        const guestPageUrl = normaliseGuestPageUrl(input.guestPageUrl);
        // Settings that do not work are never stored.
        const { serverUrl, apiKey, apiSecret } = await testCustom(input);
        const account = secretAccount(apiKey, serverUrl);
        if (input.apiSecret) {
          try {
            await deps.secrets.set(account, apiSecret);
          } catch {
            throw new ServiceError('keychain-unavailable');
          }
        }
        // Only once the secret is safe, so a keychain failure leaves the old settings whole.
        try {
          await writeOrDiskFull(() =>
            deps.store.write({ mode: 'custom', serverUrl, apiKey, guestPageUrl }),
          );
        } catch (error) {
          // The old settings stay in use: a secret just stored for a server they do not
          // name would only linger.
          const inUse =
            previous?.apiKey && previous.serverUrl
              ? secretAccount(previous.apiKey, previous.serverUrl)
              : null;
          if (input.apiSecret && account !== inUse) {
            await deps.secrets.delete(account).catch(() => false);
          }
          throw error;
        }
        await forgetReplacedSecret(previous, account);
        return view();
      }),
  };

  /**
   * A secret for a server no longer in use should not linger in the keychain; nor should
   * one an older version kept under the bare API key, bound to no address.
   */
  async function forgetReplacedSecret(
    previous: StoredServerSettings | null,
    currentAccount: string,
  ): Promise<void> {
    if (!previous?.apiKey) return;
    const accounts = [previous.apiKey];
    if (previous.serverUrl) accounts.push(secretAccount(previous.apiKey, previous.serverUrl));
    for (const account of accounts) {
      if (account !== currentAccount) await deps.secrets.delete(account).catch(() => false);
    }
  }
}
