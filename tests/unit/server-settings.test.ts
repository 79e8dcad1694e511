import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiCredentials } from '../../src-main/services/call-tokens';
import { createJsonSettingsStore } from '../../src-main/services/json-settings-store';
import type { LocalServerConfig } from '../../src-main/services/local-server-config';
import { LivekitServerError, type RoomAdmin } from '../../src-main/services/room-admin';
import { createMemorySecretStore, type SecretStore } from '../../src-main/services/secret-store';
import {
  createServerSettings,
  normaliseServerUrl,
  secretAccount,
  type ServerSettingsDeps,
  type ServerSettingsService,
} from '../../src-main/services/server-settings';
import { ServiceError } from '../../src-main/services/service-error';
import {
  fieldProblems,
  formFrom,
  saveRequest,
  type ServerForm,
} from '../../src-renderer/features/settings/settings-form';
import type { ServerSettingsViewType } from '../../src-shared/ipc-contract';

const localServer: LocalServerConfig = {
  serverUrl: 'ws://127.0.0.1:7880',
  apiKey: 'APIlocalkey',
  apiSecret: 'local-secret-0123456789abcdefghijklmnopqrstuvwxyz',
};
const localGuestPage = 'http://127.0.0.1:5181/';

/** The organisation's server as the fake room admin knows it. */
const org = {
  serverUrl: 'wss://video.example.org',
  apiKey: 'APIorgkey',
  apiSecret: 'org-secret-0123456789abcdefghijklmnopqrstuvwxyz',
  guestPageUrl: 'https://gast.example.org/',
};

/** Servers the fake can reach, and the key pairs each accepts. */
const reachable: Record<string, Record<string, string>> = {
  [org.serverUrl]: { [org.apiKey]: org.apiSecret, APIotherkey: 'other-secret-0123456789abcdef' },
};

interface Harness {
  settings: ServerSettingsService;
  secrets: SecretStore;
  settingsFile: string;
  /** Every connection test: the address and key pair the service tried. */
  checks: { serverUrl: string; credentials: ApiCredentials }[];
}

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'augenhoehe-settings-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function harness(options: Partial<ServerSettingsDeps> = {}): Harness {
  const checks: Harness['checks'] = [];
  const secrets = options.secrets ?? createMemorySecretStore();
  const settingsFile = join(dir, 'settings.json');
  const roomAdmin = (serverUrl: string, credentials: ApiCredentials): RoomAdmin => ({
    createRoom: async () => {},
    deleteRoom: async () => {},
    letIn: async () => false,
    removeParticipant: async () => false,
    participants: async () => [],
    async check() {
      checks.push({ serverUrl, credentials });
      const keys = reachable[serverUrl];
      if (!keys) throw new LivekitServerError('server-unreachable');
      if (keys[credentials.apiKey] !== credentials.apiSecret) {
        throw new LivekitServerError('server-rejected');
      }
    },
  });
  const settings = createServerSettings({
    secrets,
    localServer,
    localGuestPageUrl: () => localGuestPage,
    store: createJsonSettingsStore(settingsFile),
    roomAdmin,
    ...options,
  });
  return { settings, secrets, settingsFile, checks };
}

async function fileText(file: string): Promise<string | null> {
  return readFile(file, 'utf8').catch(() => null);
}

async function failureOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (error instanceof ServiceError) return error.code;
    if (error instanceof LivekitServerError) return error.problem;
    throw error;
  }
  throw new Error('expected a failure');
}

/** Where the organisation's secret lives: bound to the address it was saved with. */
const orgAccount = secretAccount(org.apiKey, org.serverUrl);

const saveOrg = (settings: ServerSettingsService, changes: Partial<typeof org> = {}) =>
  settings.save({ mode: 'custom', ...org, ...changes });

describe('server settings before anything is stored', () => {
  it('uses the local test server when npm start runs one', async () => {
    const { settings } = harness();
    expect(await settings.view()).toStrictEqual({
      configured: true,
      mode: 'local',
      serverUrl: localServer.serverUrl,
      apiKey: localServer.apiKey,
      hasSecret: true,
      guestPageUrl: localGuestPage,
      localServerAvailable: true,
    });
    expect(await settings.active()).toStrictEqual({
      serverUrl: localServer.serverUrl,
      apiKey: localServer.apiKey,
      apiSecret: localServer.apiSecret,
      guestPageUrl: localGuestPage,
      usingLocalServer: true,
    });
  });

  it('is not configured without a local server, and active() says so', async () => {
    const { settings } = harness({ localServer: null });
    expect(await settings.view()).toStrictEqual({
      configured: false,
      mode: 'custom',
      serverUrl: '',
      apiKey: '',
      hasSecret: false,
      guestPageUrl: '',
      localServerAvailable: false,
    });
    expect(await failureOf(settings.active())).toBe('not-configured');
  });

  it('treats an unreadable settings file as nothing stored', async () => {
    const { settings, settingsFile } = harness({ localServer: null });
    await writeFile(settingsFile, '{"mode":"somewhere-else"}');
    expect((await settings.view()).configured).toBe(false);
    await writeFile(settingsFile, 'not json');
    expect(await failureOf(settings.active())).toBe('not-configured');
  });
});

describe("saving the organisation's server", () => {
  it('tests first, then keeps the secret in the secret store and the rest in the file', async () => {
    const { settings, secrets, settingsFile, checks } = harness();
    const view = await saveOrg(settings);
    expect(checks).toStrictEqual([
      { serverUrl: org.serverUrl, credentials: { apiKey: org.apiKey, apiSecret: org.apiSecret } },
    ]);
    expect(view).toStrictEqual({
      configured: true,
      mode: 'custom',
      serverUrl: org.serverUrl,
      apiKey: org.apiKey,
      hasSecret: true,
      guestPageUrl: org.guestPageUrl,
      localServerAvailable: true,
    });
    expect(await secrets.get(orgAccount)).toBe(org.apiSecret);
    expect(await secrets.get(org.apiKey)).toBeNull();
    expect(JSON.parse((await fileText(settingsFile)) ?? '')).toStrictEqual({
      mode: 'custom',
      serverUrl: org.serverUrl,
      apiKey: org.apiKey,
      guestPageUrl: org.guestPageUrl,
    });
    expect(await settings.active()).toStrictEqual({
      serverUrl: org.serverUrl,
      apiKey: org.apiKey,
      apiSecret: org.apiSecret,
      guestPageUrl: org.guestPageUrl,
      usingLocalServer: false,
    });
  });

  it('never puts the secret in the view or the settings file', async () => {
    const { settings, settingsFile } = harness();
    await saveOrg(settings);
    expect(JSON.stringify(await settings.view())).not.toContain(org.apiSecret);
    expect(await fileText(settingsFile)).not.toContain(org.apiSecret);
  });

  it('stores the address as LiveKit clients use it', async () => {
    const { settings } = harness();
    const view = await saveOrg(settings, { serverUrl: ' https://video.example.org/ ' });
    expect(view.serverUrl).toBe('wss://video.example.org');
    expect((await settings.active()).serverUrl).toBe('wss://video.example.org');
  });

  it('keeps the stored secret when the secret is left out', async () => {
    const { settings, checks } = harness();
    await saveOrg(settings);
    const view = await settings.save({
      mode: 'custom',
      serverUrl: org.serverUrl,
      apiKey: org.apiKey,
      guestPageUrl: 'https://beratung.example.org/gast',
    });
    expect(checks.at(-1)?.credentials.apiSecret).toBe(org.apiSecret);
    expect(view.guestPageUrl).toBe('https://beratung.example.org/gast');
    expect((await settings.active()).apiSecret).toBe(org.apiSecret);
  });

  it('without a secret given or stored answers no-credentials and stores nothing', async () => {
    const { settings, settingsFile, checks } = harness();
    const withoutSecret = { serverUrl: org.serverUrl, apiKey: org.apiKey };
    expect(
      await failureOf(
        settings.save({ mode: 'custom', ...withoutSecret, guestPageUrl: org.guestPageUrl }),
      ),
    ).toBe('no-credentials');
    expect(checks).toStrictEqual([]);
    expect(await fileText(settingsFile)).toBeNull();
  });

  it.each([
    ['a wrong secret', { apiSecret: 'wrong-secret-0123456789abcdefghijklmnop' }, 'server-rejected'],
    ['an unknown key', { apiKey: 'APIunknown' }, 'server-rejected'],
    ['an address nobody answers', { serverUrl: 'wss://nowhere.example.org' }, 'server-unreachable'],
  ])('with %s fails and leaves the stored settings as they were', async (_label, change, code) => {
    const { settings, secrets, settingsFile } = harness();
    await saveOrg(settings);
    const fileBefore = await fileText(settingsFile);
    const viewBefore = await settings.view();

    expect(await failureOf(saveOrg(settings, change))).toBe(code);

    expect(await fileText(settingsFile)).toBe(fileBefore);
    expect(await settings.view()).toStrictEqual(viewBefore);
    expect(await secrets.get(orgAccount)).toBe(org.apiSecret);
    expect((await settings.active()).apiSecret).toBe(org.apiSecret);
  });

  it('a locked keychain answers keychain-unavailable and saves nothing', async () => {
    const memory = createMemorySecretStore();
    const lockedForWriting: SecretStore = {
      ...memory,
      set: async () => {
        throw new Error('Cannot create an item in a locked collection');
      },
    };
    const { settings, settingsFile } = harness({ secrets: lockedForWriting });
    expect(await failureOf(saveOrg(settings))).toBe('keychain-unavailable');
    expect(await fileText(settingsFile)).toBeNull();
    expect(await memory.get(orgAccount)).toBeNull();
    expect((await settings.view()).mode).toBe('local');
  });

  it('a keychain that cannot be read answers keychain-unavailable when a call needs the secret', async () => {
    const memory = createMemorySecretStore();
    let locked = false;
    const secrets: SecretStore = {
      ...memory,
      get: async (account) => {
        if (locked) throw new Error('locked');
        return memory.get(account);
      },
    };
    const { settings } = harness({ secrets });
    await saveOrg(settings);
    locked = true;
    expect(await failureOf(settings.active())).toBe('keychain-unavailable');
    expect(await failureOf(settings.test({ serverUrl: org.serverUrl, apiKey: org.apiKey }))).toBe(
      'keychain-unavailable',
    );
    // The form still opens, asking for the secret again.
    expect(await settings.view()).toMatchObject({ hasSecret: false, configured: false });
  });

  it('forgets the secret of a key that was replaced', async () => {
    const { settings, secrets } = harness();
    await saveOrg(settings);
    await saveOrg(settings, { apiKey: 'APIotherkey', apiSecret: 'other-secret-0123456789abcdef' });
    expect(await secrets.get(orgAccount)).toBeNull();
    expect(await secrets.get(secretAccount('APIotherkey', org.serverUrl))).toBe(
      'other-secret-0123456789abcdef',
    );
  });

  it('forgets a secret an older version kept under the bare API key', async () => {
    const { settings, secrets, settingsFile } = harness();
    await writeFile(settingsFile, JSON.stringify({ mode: 'custom', ...org, apiSecret: undefined }));
    await secrets.set(org.apiKey, org.apiSecret);
    // Bound to no address, it is not used: the worker types the secret once more.
    expect(await settings.view()).toMatchObject({ hasSecret: false, configured: false });
    await saveOrg(settings);
    expect(await secrets.get(org.apiKey)).toBeNull();
    expect(await secrets.get(orgAccount)).toBe(org.apiSecret);
  });

  it.each([
    ['an unencrypted server address', { serverUrl: 'ws://video.example.org' }],
    ['an unencrypted server on the local network', { serverUrl: 'http://192.168.1.20:7880' }],
    ['an unencrypted guest page', { guestPageUrl: 'http://gast.example.org/' }],
  ])('refuses %s before testing anything', async (_label, change) => {
    const { settings, checks, settingsFile } = harness();
    expect(await failureOf(saveOrg(settings, change))).toBe('invalid-request');
    expect(checks).toStrictEqual([]);
    expect(await fileText(settingsFile)).toBeNull();
  });

  it('accepts ws:// and http:// for a server and guest page on this computer', async () => {
    const onThisComputer = 'ws://localhost:7443';
    reachable[onThisComputer] = { [org.apiKey]: org.apiSecret };
    try {
      const { settings } = harness();
      const view = await saveOrg(settings, {
        serverUrl: 'http://localhost:7443',
        guestPageUrl: 'http://127.0.0.1:5181/gast/',
      });
      expect(view).toMatchObject({
        configured: true,
        serverUrl: onThisComputer,
        guestPageUrl: 'http://127.0.0.1:5181/gast/',
      });
    } finally {
      delete reachable[onThisComputer];
    }
  });

  it('treats a settings file pointed at another server as having no secret', async () => {
    const { settings, settingsFile, checks } = harness();
    await saveOrg(settings);
    const stored = JSON.parse((await fileText(settingsFile)) ?? '') as Record<string, string>;
    await writeFile(
      settingsFile,
      JSON.stringify({ ...stored, serverUrl: 'wss://attacker.example.net' }),
    );
    expect(await settings.view()).toMatchObject({ configured: false, hasSecret: false });
    expect(await failureOf(settings.active())).toBe('no-credentials');
    // And an address only the file holds, unencrypted off this computer, is no address at all.
    await writeFile(settingsFile, JSON.stringify({ ...stored, serverUrl: 'ws://evil.example' }));
    expect(await settings.view()).toMatchObject({ configured: false, serverUrl: '' });
    expect(checks).toHaveLength(1);
  });

  it('two saves at once run one after the other, and the later one is what stays', async () => {
    const { settings, secrets } = harness();
    const other = { apiKey: 'APIotherkey', apiSecret: 'other-secret-0123456789abcdef' };
    await Promise.all([saveOrg(settings), saveOrg(settings, other)]);
    expect(await settings.view()).toMatchObject({ apiKey: other.apiKey, hasSecret: true });
    // The first save's secret went with its settings; the second's is there.
    expect(await secrets.get(orgAccount)).toBeNull();
    expect(await secrets.get(secretAccount(other.apiKey, org.serverUrl))).toBe(other.apiSecret);
  });

  it('rejects a guest page that is not a web address before testing', async () => {
    const { settings, checks } = harness();
    expect(await failureOf(saveOrg(settings, { guestPageUrl: 'ftp://gast.example.org' }))).toBe(
      'invalid-request',
    );
    expect(checks).toStrictEqual([]);
  });
});

describe('choosing the local test server', () => {
  it('switches back and forth and keeps what was typed for the organisation', async () => {
    const { settings } = harness();
    await saveOrg(settings);
    const local = await settings.save({ mode: 'local' });
    expect(local).toMatchObject({
      configured: true,
      mode: 'local',
      serverUrl: localServer.serverUrl,
    });
    expect((await settings.active()).usingLocalServer).toBe(true);

    const back = await settings.save({
      mode: 'custom',
      serverUrl: org.serverUrl,
      apiKey: org.apiKey,
      guestPageUrl: org.guestPageUrl,
    });
    expect(back).toMatchObject({ configured: true, mode: 'custom', hasSecret: true });
    expect((await settings.active()).apiSecret).toBe(org.apiSecret);
  });

  it('is refused when no local server runs', async () => {
    const { settings, settingsFile } = harness({ localServer: null });
    expect(await failureOf(settings.save({ mode: 'local' }))).toBe('not-configured');
    expect(await fileText(settingsFile)).toBeNull();
  });

  it('a stored choice of the local server does not count once it is gone', async () => {
    const first = harness();
    await first.settings.save({ mode: 'local' });
    const later = harness({ localServer: null });
    expect((await later.settings.view()).configured).toBe(false);
    expect(await failureOf(later.settings.active())).toBe('not-configured');
  });
});

describe('test connection', () => {
  it('uses the secret given, else the one stored for that very address and key', async () => {
    const { settings, checks } = harness();
    await settings.test(org);
    expect(checks.at(-1)?.credentials).toStrictEqual({
      apiKey: org.apiKey,
      apiSecret: org.apiSecret,
    });
    await saveOrg(settings);
    await settings.test({ serverUrl: org.serverUrl, apiKey: org.apiKey });
    // The same server written another way is the same server.
    await settings.test({ serverUrl: 'https://video.example.org/', apiKey: org.apiKey });
    expect(checks).toHaveLength(4);
    expect(await failureOf(settings.test({ serverUrl: org.serverUrl, apiKey: 'APInone' }))).toBe(
      'no-credentials',
    );
  });

  it('never signs with the stored secret for an address the page names', async () => {
    const { settings, checks } = harness();
    await saveOrg(settings);
    const before = checks.length;
    for (const serverUrl of ['wss://attacker.example.net', 'wss://video.example.org:8443']) {
      expect(await failureOf(settings.test({ serverUrl, apiKey: org.apiKey }))).toBe(
        'no-credentials',
      );
    }
    // Nothing was sent to either address.
    expect(checks).toHaveLength(before);
  });

  it('stores nothing', async () => {
    const { settings, secrets, settingsFile } = harness();
    await settings.test(org);
    expect(await fileText(settingsFile)).toBeNull();
    expect(await secrets.get(orgAccount)).toBeNull();
  });

  it('gives up on a server that never answers, as unreachable', async () => {
    const { settings } = harness({
      connectionTestTimeoutMs: 50,
      roomAdmin: () => ({
        createRoom: async () => {},
        deleteRoom: async () => {},
        letIn: async () => false,
        removeParticipant: async () => false,
        participants: async () => [],
        check: () => new Promise<void>(() => {}),
      }),
    });
    expect(await failureOf(settings.test(org))).toBe('server-unreachable');
  });
});

describe('normaliseServerUrl', () => {
  it.each([
    ['http://127.0.0.1:7890', 'ws://127.0.0.1:7890'],
    ['https://video.example.org/', 'wss://video.example.org'],
    ['wss://video.example.org:443', 'wss://video.example.org'],
    ['ws://[::1]:7880/', 'ws://[::1]:7880'],
    ['http://localhost:7880', 'ws://localhost:7880'],
    ['ws://127.0.0.53:7880', 'ws://127.0.0.53:7880'],
    ['  WSS://Video.Example.org  ', 'wss://video.example.org'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseServerUrl(input)).toBe(expected);
  });

  it.each([
    'ftp://video.example.org',
    'video.example.org',
    '',
    'ws://video.example.org',
    'http://10.0.0.5:7880',
    'ws://localhost.example.org',
  ])('refuses %j', (input) => {
    expect(() => normaliseServerUrl(input)).toThrow(ServiceError);
  });
});

describe('the settings form (renderer)', () => {
  const customView: ServerSettingsViewType = {
    configured: true,
    mode: 'custom',
    serverUrl: org.serverUrl,
    apiKey: org.apiKey,
    hasSecret: true,
    guestPageUrl: org.guestPageUrl,
    localServerAvailable: true,
  };
  const localView: ServerSettingsViewType = {
    ...customView,
    mode: 'local',
    serverUrl: localServer.serverUrl,
    apiKey: localServer.apiKey,
    guestPageUrl: localGuestPage,
  };
  const filled: ServerForm = { mode: 'custom', ...org };

  it("never offers the local server's key as the organisation's", () => {
    expect(formFrom(localView)).toStrictEqual({
      mode: 'local',
      serverUrl: '',
      apiKey: '',
      apiSecret: '',
      guestPageUrl: '',
    });
    expect(formFrom({ ...customView, localServerAvailable: false }).mode).toBe('custom');
  });

  it.each([
    ['nothing wrong', {}, {}],
    [
      'a server address with a path',
      { serverUrl: 'wss://video.example.org/rtc' },
      { serverUrl: 'wrong' },
    ],
    ['a server address without scheme', { serverUrl: 'video.example.org' }, { serverUrl: 'wrong' }],
    [
      'an unencrypted server address',
      { serverUrl: 'ws://video.example.org' },
      { serverUrl: 'insecure' },
    ],
    ['a key with a space', { apiKey: 'API org' }, { apiKey: 'wrong' }],
    ['an empty key', { apiKey: '  ' }, { apiKey: 'wrong' }],
    ['no secret for a new key', { apiKey: 'APInew', apiSecret: '' }, { apiSecret: 'wrong' }],
    [
      'no secret for a new server address',
      { serverUrl: 'wss://other.example.org', apiSecret: '' },
      { apiSecret: 'wrong' },
    ],
    [
      'a guest page without scheme',
      { guestPageUrl: 'gast.example.org' },
      { guestPageUrl: 'wrong' },
    ],
    [
      'an unencrypted guest page',
      { guestPageUrl: 'http://gast.example.org/' },
      { guestPageUrl: 'insecure' },
    ],
  ])('names the wrong field: %s', (_label, change, expected) => {
    expect(fieldProblems({ ...filled, ...change }, customView, true)).toStrictEqual(expected);
  });

  it('lets the secret stay empty only when one is stored for the same address and key', () => {
    const empty = { ...filled, apiSecret: '' };
    expect(fieldProblems(empty, customView, true)).toStrictEqual({});
    expect(fieldProblems(empty, { ...customView, hasSecret: false }, true)).toStrictEqual({
      apiSecret: 'wrong',
    });
    expect(fieldProblems(empty, localView, true)).toStrictEqual({ apiSecret: 'wrong' });
    // The same server written the way a person might type it still keeps the secret.
    expect(
      fieldProblems({ ...empty, serverUrl: ' https://video.example.org/ ' }, customView, true),
    ).toStrictEqual({});
  });

  it('checks the guest page only for saving', () => {
    expect(fieldProblems({ ...filled, guestPageUrl: '' }, customView, false)).toStrictEqual({});
  });

  it('leaves an empty secret out of the request and trims what was typed', () => {
    expect(saveRequest({ ...filled, apiSecret: '  ', apiKey: ' APIorgkey ' })).toStrictEqual({
      mode: 'custom',
      serverUrl: org.serverUrl,
      apiKey: org.apiKey,
      guestPageUrl: org.guestPageUrl,
    });
    expect(saveRequest({ ...filled, mode: 'local' })).toStrictEqual({ mode: 'local' });
  });
});
