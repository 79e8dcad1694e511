import { RoomServiceClient, TokenVerifier } from 'livekit-server-sdk';
import { afterAll, describe, expect, inject, it } from 'vitest';
import {
  mintJoinToken,
  mintToken,
  waitingGuestGrant,
  type ApiCredentials,
} from '../../src-main/services/call-tokens';
import { newRoomName } from '../../src-main/services/random-ids';
import {
  createRoomAdmin,
  LivekitServerError,
  serverApiUrl,
  type RoomAdmin,
} from '../../src-main/services/room-admin';

const livekit = inject('livekit');
const httpUrl = serverApiUrl(livekit.url);
const credentials: ApiCredentials = { apiKey: livekit.apiKey, apiSecret: livekit.apiSecret };
const rooms = new RoomServiceClient(httpUrl, livekit.apiKey, livekit.apiSecret);
const admin = createRoomAdmin(livekit.url, credentials);
const createdRooms: string[] = [];
const wrongSecret = 'wrong-secret-0123456789abcdefghijklmnopqrstuvwxyz';

/** A fresh room name, closed again after the file. */
function roomName(): string {
  const name = newRoomName();
  createdRooms.push(name);
  return name;
}

/** The server's own check of a join token, the same one it runs before a WebSocket upgrade. */
async function serverValidates(token: string): Promise<{ status: number; text: string }> {
  const response = await fetch(`${httpUrl}/rtc/validate?access_token=${encodeURIComponent(token)}`);
  return { status: response.status, text: await response.text() };
}

async function roomNamesOnServer(): Promise<string[]> {
  return (await rooms.listRooms()).map((room) => room.name);
}

async function failure(work: Promise<unknown>): Promise<string> {
  const error = await work.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(LivekitServerError);
  return (error as LivekitServerError).problem;
}

afterAll(async () => {
  await Promise.all(createdRooms.map((name) => rooms.deleteRoom(name).catch(() => undefined)));
});

describe('createRoom against the real LiveKit server', () => {
  it('creates an empty room that waits 10 minutes for its first participant by default', async () => {
    const name = roomName();
    await admin.createRoom(name);
    const [room] = await rooms.listRooms([name]);
    expect(room?.name).toBe(name);
    expect(room?.emptyTimeout).toBe(600);
    expect(room?.departureTimeout).toBe(20);
    expect(room?.numParticipants).toBe(0);
  });

  it('keeps a waiting room open as long as it is asked to', async () => {
    const name = roomName();
    await admin.createRoom(name, 7 * 24 * 60 * 60);
    const [room] = await rooms.listRooms([name]);
    expect(room?.emptyTimeout).toBe(7 * 24 * 60 * 60);
  });

  it('keeps an existing room when asked again, without an error or a second room', async () => {
    const name = roomName();
    await admin.createRoom(name, 3600);
    await admin.createRoom(name, 3600);
    expect((await roomNamesOnServer()).filter((listed) => listed === name)).toStrictEqual([name]);
  });

  it.each([
    ['a wrong API secret', { ...credentials, apiSecret: wrongSecret }],
    ['an API key the server does not know', { ...credentials, apiKey: 'APIunknownkey' }],
  ])('with %s is refused as server-rejected and creates nothing', async (_label, given) => {
    const name = roomName();
    expect(await failure(createRoomAdmin(livekit.url, given).createRoom(name))).toBe(
      'server-rejected',
    );
    expect(await roomNamesOnServer()).not.toContain(name);
  });

  it.each([['ws://127.0.0.1:9'], ['wss://127.0.0.1:9']])(
    'with the server URL %s (nothing listening) fails as server-unreachable',
    async (serverUrl) => {
      expect(await failure(createRoomAdmin(serverUrl, credentials).createRoom(roomName()))).toBe(
        'server-unreachable',
      );
    },
  );
});

describe('deleteRoom and removeParticipant against the real LiveKit server', () => {
  it('closes a room', async () => {
    const name = roomName();
    await admin.createRoom(name);
    await admin.deleteRoom(name);
    expect(await roomNamesOnServer()).not.toContain(name);
  });

  it('accepts closing a room that is gone already', async () => {
    await expect(admin.deleteRoom(newRoomName())).resolves.toBeUndefined();
  });

  it('refuses to close a room with a wrong secret, and the room stays', async () => {
    const name = roomName();
    await admin.createRoom(name);
    const forger = createRoomAdmin(livekit.url, { ...credentials, apiSecret: wrongSecret });
    expect(await failure(forger.deleteRoom(name))).toBe('server-rejected');
    expect(await roomNamesOnServer()).toContain(name);
  });

  it('answers false for someone who is not in the room', async () => {
    const name = roomName();
    await admin.createRoom(name);
    expect(await admin.removeParticipant(name, newRoomName())).toBe(false);
  });

  it('lists nobody in an empty room, and nobody in a room that does not exist', async () => {
    const name = roomName();
    await admin.createRoom(name);
    expect(await admin.participants(name)).toStrictEqual([]);
    expect(await admin.participants(newRoomName())).toStrictEqual([]);
  });

  it('answers false for a room that does not exist', async () => {
    expect(await admin.removeParticipant(newRoomName(), newRoomName())).toBe(false);
  });

  it('lets in nobody who is not there (a door never used), in a room or none', async () => {
    const name = roomName();
    await admin.createRoom(name);
    expect(await admin.letIn(name, newRoomName())).toBe(false);
    expect(await admin.letIn(newRoomName(), newRoomName())).toBe(false);
  });

  it('refuses to let anyone in with a wrong secret', async () => {
    const name = roomName();
    await admin.createRoom(name);
    const forger = createRoomAdmin(livekit.url, { ...credentials, apiSecret: wrongSecret });
    expect(await failure(forger.letIn(name, newRoomName()))).toBe('server-rejected');
  });
});

describe('check against the real LiveKit server', () => {
  it('passes with the right address, key and secret', async () => {
    await expect(admin.check()).resolves.toBeUndefined();
  });

  it.each<[string, string, ApiCredentials, string]>([
    ['a wrong secret', livekit.url, { ...credentials, apiSecret: wrongSecret }, 'server-rejected'],
    ['an unknown key', livekit.url, { ...credentials, apiKey: 'APIunknownkey' }, 'server-rejected'],
    ['nothing listening', 'ws://127.0.0.1:9', credentials, 'server-unreachable'],
  ])('fails with %s as %s', async (_label, serverUrl, given, problem) => {
    const other: RoomAdmin = createRoomAdmin(serverUrl, given);
    expect(await failure(other.check())).toBe(problem);
  });
});

describe('join tokens against the real LiveKit server', () => {
  it.each([
    ['a call token', (name: string) => mintJoinToken(credentials, name, 600)],
    [
      'a waiting-room guest token',
      (name: string) => mintToken(credentials, waitingGuestGrant(name), 3600),
    ],
  ])('%s for a created room is accepted by the server', async (_label, mint) => {
    const name = roomName();
    await admin.createRoom(name);
    const minted = await mint(name);
    const claims = await new TokenVerifier(livekit.apiKey, livekit.apiSecret).verify(minted.token);
    expect(claims.video?.room).toBe(name);
    expect(claims.exp).toBe(minted.expiresAt);
    expect(await serverValidates(minted.token)).toStrictEqual({ status: 200, text: 'success' });
  });

  it('a token for a room nobody created does not open one (auto-create is off)', async () => {
    const name = roomName();
    const { token } = await mintJoinToken(credentials, name, 600);
    expect((await serverValidates(token)).status).toBe(404);
    expect(await roomNamesOnServer()).not.toContain(name);
  });

  it('a token for a closed room is no longer accepted', async () => {
    const name = roomName();
    await admin.createRoom(name);
    const { token } = await mintJoinToken(credentials, name, 600);
    await admin.deleteRoom(name);
    expect((await serverValidates(token)).status).toBe(404);
  });

  it('a token signed with a wrong secret is refused by the server', async () => {
    const name = roomName();
    await admin.createRoom(name);
    const { token } = await mintJoinToken({ ...credentials, apiSecret: wrongSecret }, name, 600);
    expect((await serverValidates(token)).status).toBe(401);
  });
});
