import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RoomServiceClient, TokenVerifier } from 'livekit-server-sdk';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { parseInviteUrl } from '../../src-shared/invite-link';
import {
  createConsultationService,
  type StoredConsultation,
  type ConsultationService,
} from '../../src-main/services/consultations';
import { encryptedJsonFile } from '../../src-main/services/encrypted-file';
import { createLogger, createMemoryLogSink } from '../../src-main/services/logger';
import { newRandomId } from '../../src-main/services/random-ids';
import { createRoomAdmin, serverApiUrl } from '../../src-main/services/room-admin';
import { createMemorySecretStore } from '../../src-main/services/secret-store';
import { fakeServerSettings } from '../unit/fixtures';

const livekit = inject('livekit');
const httpUrl = serverApiUrl(livekit.url);
const rooms = new RoomServiceClient(httpUrl, livekit.apiKey, livekit.apiSecret);
const verifier = new TokenVerifier(livekit.apiKey, livekit.apiSecret);
const guestPageUrl = 'http://127.0.0.1:5181/';
const openedRooms: string[] = [];
let dir: string;

/** The real service and room admin against the test server; only settings are a stand-in. */
function serviceFor(apiSecret = livekit.apiSecret): ConsultationService {
  const settings = fakeServerSettings({
    serverUrl: livekit.url,
    apiKey: livekit.apiKey,
    apiSecret,
    guestPageUrl,
    usingLocalServer: true,
  });
  return createConsultationService({
    settings,
    file: encryptedJsonFile<StoredConsultation[]>(
      join(dir, `${newRandomId()}.enc`),
      createMemorySecretStore(),
      'consultations-file-key',
    ),
    roomAdmin: createRoomAdmin,
    logger: createLogger(createMemoryLogSink()),
  });
}

async function create(service: ConsultationService, inviteCount = 2) {
  const consultation = await service.create({
    label: 'Familie Muster',
    inviteCount,
    validity: 'today',
  });
  openedRooms.push(consultation.callRoom, consultation.waitingRoom);
  return consultation;
}

/** The server's own check of a join token, the same one it runs before a WebSocket upgrade. */
async function serverValidates(token: string): Promise<number> {
  const response = await fetch(`${httpUrl}/rtc/validate?access_token=${encodeURIComponent(token)}`);
  await response.text();
  return response.status;
}

async function roomOnServer(name: string) {
  const [room] = await rooms.listRooms([name]);
  return room;
}

function waitingToken(link: string | undefined): string {
  const parsed = parseInviteUrl(link ?? '');
  if (!parsed.ok) throw new Error(`invite link does not parse: ${parsed.problem}`);
  return parsed.invite.waitingToken;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'augenhoehe-consultations-server-'));
});
afterAll(async () => {
  await Promise.all(openedRooms.map((name) => rooms.deleteRoom(name).catch(() => undefined)));
  await rm(dir, { recursive: true, force: true });
});

describe('consultations against the real LiveKit server', () => {
  it('create opens the waiting room until the invites end, and no call room yet', async () => {
    const before = Math.floor(Date.now() / 1000);
    const consultation = await create(serviceFor());
    const after = Math.ceil(Date.now() / 1000);
    const waiting = await roomOnServer(consultation.waitingRoom);
    expect(waiting?.name).toBe(consultation.waitingRoom);
    expect(waiting?.numParticipants).toBe(0);
    expect(waiting?.emptyTimeout).toBeGreaterThanOrEqual(consultation.expiresAt - after);
    expect(waiting?.emptyTimeout).toBeLessThanOrEqual(consultation.expiresAt - before);
    expect(await roomOnServer(consultation.callRoom)).toBeUndefined();
  });

  it("a guest's invite token gets into the waiting room, hidden and without media", async () => {
    const consultation = await create(serviceFor(), 2);
    for (const invite of consultation.invites) {
      const token = waitingToken(invite.webUrl);
      expect(await serverValidates(token)).toBe(200);
      const claims = await verifier.verify(token);
      expect(claims.video).toMatchObject({
        room: consultation.waitingRoom,
        roomJoin: true,
        hidden: true,
        canPublish: false,
      });
    }
  });

  it('hostTickets opens the call room; host and admitted guests get in', async () => {
    const service = serviceFor();
    const consultation = await create(service);
    const tickets = await service.hostTickets(consultation.id);
    expect((await roomOnServer(consultation.callRoom))?.name).toBe(consultation.callRoom);
    const waitingIdentity = (await verifier.verify(waitingToken(consultation.invites[0]?.webUrl)))
      .sub;
    const guestKey = Buffer.from([4, ...new Array<number>(64).fill(7)]).toString('base64url');
    const admitted = await service.admit(consultation.id, waitingIdentity ?? '', guestKey);
    for (const grant of [tickets.call, tickets.waiting, admitted.call]) {
      expect(grant.serverUrl).toBe(livekit.url);
      expect(await serverValidates(grant.token)).toBe(200);
    }
    expect((await verifier.verify(tickets.call.token)).video?.room).toBe(consultation.callRoom);
    expect((await verifier.verify(tickets.waiting.token)).video?.room).toBe(
      consultation.waitingRoom,
    );
  });

  it('remove closes both rooms, so the invite links lead nowhere', async () => {
    const service = serviceFor();
    const consultation = await create(service);
    await service.hostTickets(consultation.id);
    const token = waitingToken(consultation.invites[0]?.appUrl);
    expect(await service.remove(consultation.id)).toBe(true);
    expect(await roomOnServer(consultation.callRoom)).toBeUndefined();
    expect(await roomOnServer(consultation.waitingRoom)).toBeUndefined();
    expect(await serverValidates(token)).toBe(404);
  });

  it.each([['call'], ['waiting']] as const)(
    'removeParticipant of someone not in the %s room answers false',
    async (room) => {
      const service = serviceFor();
      const consultation = await create(service);
      await service.hostTickets(consultation.id);
      expect(await service.removeParticipant(consultation.id, room, newRandomId())).toBe(false);
    },
  );

  it('with a wrong secret, create fails as server-rejected and keeps nothing', async () => {
    const service = serviceFor('wrong-secret-0123456789abcdefghijklmnopqrstuvwxyz');
    await expect(
      service.create({ label: 'Familie Muster', inviteCount: 1, validity: 'today' }),
    ).rejects.toMatchObject({ problem: 'server-rejected' });
    expect(await service.list()).toStrictEqual([]);
  });
});
