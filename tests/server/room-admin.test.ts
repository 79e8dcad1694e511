import { RoomServiceClient, TokenVerifier } from 'livekit-server-sdk';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { createIpcHandlers, dispatchIpc, type IpcHandlers } from '../../src-main/ipc/handlers';
import { createLogger, createMemoryLogSink, type Logger } from '../../src-main/services/logger';
import { createRoomAdmin, serverApiUrl } from '../../src-main/services/room-admin';
import { createMemorySecretStore } from '../../src-main/services/secret-store';

const livekit = inject('livekit');
const httpUrl = serverApiUrl(livekit.url);
const rooms = new RoomServiceClient(httpUrl, livekit.apiKey, livekit.apiSecret);
const createdRooms: string[] = [];

interface App {
  handlers: IpcHandlers;
  logger: Logger;
  logLines: string[];
}

/** The real handlers and the real room admin; only the secret store and log sink are in memory. */
async function appFor(
  options: { serverUrl?: string; apiKey?: string; apiSecret?: string } = {},
): Promise<App> {
  const apiKey = options.apiKey ?? livekit.apiKey;
  const secrets = createMemorySecretStore();
  await secrets.set(apiKey, options.apiSecret ?? livekit.apiSecret);
  const sink = createMemoryLogSink();
  const logger = createLogger(sink);
  const handlers = createIpcHandlers({
    shell: 'browser',
    settings: () => ({ serverUrl: options.serverUrl ?? livekit.url, apiKey, localServer: true }),
    guestPageUrl: () => 'http://127.0.0.1:5181/',
    secrets,
    roomAdmin: createRoomAdmin,
    logger,
  });
  return { handlers, logger, logLines: sink.lines };
}

async function createCall(app: App): Promise<string> {
  const result = await dispatchIpc(app.handlers, app.logger, 'call:create', {}, true);
  if (!result.ok) throw new Error(`call:create failed: ${result.error.code}`);
  const { roomName } = result.value as { roomName: string };
  createdRooms.push(roomName);
  return roomName;
}

async function grantFor(app: App, channel: 'call:join' | 'call:invite', request: object) {
  const result = await dispatchIpc(app.handlers, app.logger, channel, request, true);
  if (!result.ok) throw new Error(`${channel} failed: ${result.error.code}`);
  return result.value as { serverUrl: string; token: string; expiresAt: number };
}

/** The server's own check of a join token, the same one it runs before a WebSocket upgrade. */
async function serverValidates(token: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${httpUrl}/rtc/validate?access_token=${encodeURIComponent(token)}`);
  return { status: response.status, text: await response.text() };
}

async function roomNamesOnServer(): Promise<string[]> {
  return (await rooms.listRooms()).map((room) => room.name);
}

afterAll(async () => {
  await Promise.all(createdRooms.map((name) => rooms.deleteRoom(name).catch(() => undefined)));
});

describe('call:create against the real LiveKit server', () => {
  it('creates a room with a random 22-character name that the server then lists', async () => {
    const roomName = await createCall(await appFor());
    expect(roomName).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const [room] = await rooms.listRooms([roomName]);
    expect(room?.name).toBe(roomName);
    // It waits 10 minutes for the first participant, so the host has time to send the link.
    expect(room?.emptyTimeout).toBe(600);
    expect(room?.departureTimeout).toBe(20);
    expect(room?.numParticipants).toBe(0);
  });

  it('gives every call a new room', async () => {
    const app = await appFor();
    const first = await createCall(app);
    const second = await createCall(app);
    expect(first).not.toBe(second);
    expect(await roomNamesOnServer()).toEqual(expect.arrayContaining([first, second]));
  });

  it.each([
    ['a wrong API secret', { apiSecret: 'wrong-secret-0123456789abcdefghijklmnopqrstuvwxyz' }],
    ['an API key the server does not know', { apiKey: 'APIunknownkey' }],
  ])('with %s answers server-rejected and creates nothing', async (_label, options) => {
    const before = await roomNamesOnServer();
    const app = await appFor(options);
    expect(await dispatchIpc(app.handlers, app.logger, 'call:create', {}, true)).toStrictEqual({
      ok: false,
      error: { code: 'server-rejected' },
    });
    expect((await roomNamesOnServer()).filter((name) => !before.includes(name))).toStrictEqual([]);
    expect(app.logLines.map((line) => JSON.parse(line).code)).toContain('server.rejected');
  });

  it.each([['ws://127.0.0.1:9'], ['wss://127.0.0.1:9']])(
    'with the server URL %s (nothing listening) answers server-unreachable',
    async (serverUrl) => {
      const app = await appFor({ serverUrl });
      expect(await dispatchIpc(app.handlers, app.logger, 'call:create', {}, true)).toStrictEqual({
        ok: false,
        error: { code: 'server-unreachable' },
      });
      expect(app.logLines.map((line) => JSON.parse(line).code)).toContain('server.unreachable');
    },
  );
});

describe('join tokens against the real LiveKit server', () => {
  it.each([
    ['call:join', {}],
    ['call:invite', { validMinutes: 30 }],
  ] as const)('a %s token for a created room is accepted by the server', async (channel, extra) => {
    const app = await appFor();
    const roomName = await createCall(app);
    const grant = await grantFor(app, channel, { roomName, ...extra });
    expect(grant.serverUrl).toBe(livekit.url);

    const claims = await new TokenVerifier(livekit.apiKey, livekit.apiSecret).verify(grant.token);
    expect(claims.video?.room).toBe(roomName);
    expect(claims.exp).toBe(grant.expiresAt);
    expect(await serverValidates(grant.token)).toStrictEqual({ status: 200, text: 'success' });
  });

  it('a token for a room nobody created does not open one (auto-create is off)', async () => {
    const app = await appFor();
    const roomName = 'NeverCreated0123456789';
    const grant = await grantFor(app, 'call:join', { roomName });
    expect((await serverValidates(grant.token)).status).toBe(404);
    expect(await roomNamesOnServer()).not.toContain(roomName);
  });

  it('a token signed with a wrong secret is refused by the server', async () => {
    const roomName = await createCall(await appFor());
    const forger = await appFor({ apiSecret: 'wrong-secret-0123456789abcdefghijklmnopqrstuvwxyz' });
    const grant = await grantFor(forger, 'call:join', { roomName });
    expect((await serverValidates(grant.token)).status).toBe(401);
  });
});
