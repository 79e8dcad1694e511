import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import keytar from 'keytar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createJsonSettingsStore } from '../../src-main/services/json-settings-store';
import { createKeychainSecretStore, openSecretStore } from '../../src-main/services/secret-store';
import { createServerSettings, secretAccount } from '../../src-main/services/server-settings';

// Runs under scripts/with-keychain.sh: a real gnome-keyring over a private D-Bus session.
const service = `Augenhoehe test ${process.pid}`;
const store = createKeychainSecretStore(keytar, service);

describe('API secret in the OS keychain (keytar + gnome-keyring)', () => {
  afterAll(async () => {
    await store.delete('APIkey1');
  });

  it('stores, reads back and deletes the secret', async () => {
    expect(await store.get('APIkey1')).toBeNull();
    await store.set('APIkey1', 's3cret-value-of-at-least-32-characters!!');
    expect(await store.get('APIkey1')).toBe('s3cret-value-of-at-least-32-characters!!');
    // Straight from keytar, so the value really sits in the keyring, not in a cache of ours.
    expect(await keytar.getPassword(service, 'APIkey1')).toBe(
      's3cret-value-of-at-least-32-characters!!',
    );
    expect(await store.delete('APIkey1')).toBe(true);
    expect(await store.get('APIkey1')).toBeNull();
  });

  it('opens the keychain when a Secret Service answers', async () => {
    const opened = await openSecretStore(async () => keytar);
    expect(opened.kind).toBe('keychain');
  });
});

describe('server settings with the real keychain', () => {
  const org = {
    serverUrl: 'wss://video.example.org',
    apiKey: `APIkeychain${process.pid}`,
    apiSecret: 'org-secret-0123456789abcdefghijklmnopqrstuvwxyz',
    guestPageUrl: 'https://gast.example.org/',
  };
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'augenhoehe-keychain-settings-'));
  });

  afterAll(async () => {
    await store.delete(secretAccount(org.apiKey, org.serverUrl));
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps the secret bound to the server address it was saved with', async () => {
    const settings = createServerSettings({
      secrets: store,
      localServer: null,
      localGuestPageUrl: () => 'http://127.0.0.1:5181/',
      store: createJsonSettingsStore(join(dir, 'settings.json')),
      // The connection test needs no server here: this test is about the keychain entry.
      roomAdmin: () => ({
        createRoom: async () => {},
        deleteRoom: async () => {},
        letIn: async () => false,
        removeParticipant: async () => false,
        participants: async () => [],
        check: async () => {},
      }),
    });
    await settings.save({ mode: 'custom', ...org });
    expect(await keytar.getPassword(service, `${org.apiKey} ${org.serverUrl}`)).toBe(org.apiSecret);
    expect(await keytar.getPassword(service, org.apiKey)).toBeNull();
    expect((await settings.active()).apiSecret).toBe(org.apiSecret);
    await expect(
      settings.test({ serverUrl: 'wss://elsewhere.example.net', apiKey: org.apiKey }),
    ).rejects.toMatchObject({ code: 'no-credentials' });
  });
});
