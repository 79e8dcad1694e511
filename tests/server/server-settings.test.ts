import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createJsonSettingsStore } from '../../src-main/services/json-settings-store';
import { LivekitServerError } from '../../src-main/services/room-admin';
import { createMemorySecretStore } from '../../src-main/services/secret-store';
import {
  createServerSettings,
  type ServerSettingsService,
} from '../../src-main/services/server-settings';
import { ServiceError } from '../../src-main/services/service-error';

const livekit = inject('livekit');
const guestPageUrl = 'http://127.0.0.1:5181/';
/** The test server's own address and key pair. */
const right = { serverUrl: livekit.url, apiKey: livekit.apiKey, apiSecret: livekit.apiSecret };
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'augenhoehe-server-settings-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The real room admin against the real server; no local server, so nothing is preset. */
function settingsService(name: string): ServerSettingsService {
  return createServerSettings({
    secrets: createMemorySecretStore(),
    localServer: null,
    localGuestPageUrl: () => guestPageUrl,
    store: createJsonSettingsStore(join(dir, `${name}.json`)),
  });
}

async function failureOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (error) {
    if (error instanceof LivekitServerError) return error.problem;
    if (error instanceof ServiceError) return error.code;
    throw error;
  }
  throw new Error('expected a failure');
}

describe('server settings against the real LiveKit server', () => {
  it('a test connection with the right key and secret succeeds', async () => {
    await expect(settingsService('right').test(right)).resolves.toBeUndefined();
  });

  it.each([
    ['a wrong secret', { apiSecret: 'wrong-secret-0123456789abcdefghijklmnopqrstuvwxyz' }],
    ['an API key the server does not know', { apiKey: 'APIunknownkey' }],
  ])('with %s the server rejects it', async (_label, change) => {
    const settings = settingsService('rejected');
    expect(await failureOf(settings.test({ ...right, ...change }))).toBe('server-rejected');
    expect(
      await failureOf(settings.save({ mode: 'custom', ...right, ...change, guestPageUrl })),
    ).toBe('server-rejected');
    expect((await settings.view()).configured).toBe(false);
  });

  it('an address where nothing listens is unreachable, quickly', async () => {
    const started = Date.now();
    expect(
      await failureOf(
        settingsService('unreachable').test({ ...right, serverUrl: 'ws://127.0.0.1:9' }),
      ),
    ).toBe('server-unreachable');
    expect(Date.now() - started).toBeLessThan(9_000);
  });

  it('accepts the http address, saves it as ws://, and the saved settings work', async () => {
    const httpUrl = right.serverUrl.replace(/^ws:/, 'http:');
    expect(httpUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/?$/);
    const settings = settingsService('saved');
    const view = await settings.save({
      mode: 'custom',
      ...right,
      serverUrl: httpUrl,
      guestPageUrl,
    });
    expect(view).toMatchObject({
      configured: true,
      mode: 'custom',
      serverUrl: right.serverUrl.replace(/\/$/, ''),
      hasSecret: true,
    });
    const active = await settings.active();
    expect(active).toStrictEqual({
      serverUrl: right.serverUrl.replace(/\/$/, ''),
      apiKey: livekit.apiKey,
      apiSecret: livekit.apiSecret,
      guestPageUrl,
      usingLocalServer: false,
    });
    // The stored secret is what a later test connection uses when none is typed.
    await expect(
      settings.test({ serverUrl: active.serverUrl, apiKey: active.apiKey }),
    ).resolves.toBeUndefined();
  });
});
