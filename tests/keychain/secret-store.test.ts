import keytar from 'keytar';
import { afterAll, describe, expect, it } from 'vitest';
import { createKeychainSecretStore, openSecretStore } from '../../src-main/services/secret-store';

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
