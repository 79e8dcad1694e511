/**
 * Where no keychain answers, the app gets no secret store in memory but a `missing` one:
 * the real keytar, with no D-Bus session and so no Secret Service to talk to.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createMissingSecretStore,
  openSecretStore,
  type KeytarLike,
} from '../../src-main/services/secret-store';

const saved = {
  DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS,
  DISPLAY: process.env.DISPLAY,
};

beforeAll(() => {
  delete process.env.DBUS_SESSION_BUS_ADDRESS;
  delete process.env.DISPLAY;
});

afterAll(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value !== undefined) process.env[name] = value;
  }
});

describe('openSecretStore without a Secret Service', () => {
  it('gives the missing store, never one that keeps secrets in memory', async () => {
    const store = await openSecretStore(async () => {
      const keytar = (await import('keytar')) as { default?: KeytarLike } & KeytarLike;
      return keytar.default ?? keytar;
    });
    expect(store.kind).toBe('missing');
    await expect(store.set('APIkey wss://video.example.org', 'secret')).rejects.toThrow();
    await expect(store.get('APIkey wss://video.example.org')).rejects.toThrow();
  });

  it('gives the missing store when keytar itself cannot be loaded', async () => {
    const store = await openSecretStore(async () => {
      throw new Error('libsecret-1.so.0: cannot open shared object file');
    });
    expect(store.kind).toBe('missing');
  });
});

describe('the missing store', () => {
  it('refuses every use, so each caller names the problem', async () => {
    const store = createMissingSecretStore();
    await expect(store.get('a')).rejects.toThrow();
    await expect(store.set('a', 'b')).rejects.toThrow();
    await expect(store.delete('a')).rejects.toThrow();
  });
});
