import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TokenVerifier } from 'livekit-server-sdk';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConsultationView } from '../../src-shared/ipc-contract';
import { APP_LINK_PREFIX, isRoomKey, parseInviteUrl } from '../../src-shared/invite-link';
import {
  doorGrant,
  participantGrant,
  waitingGuestGrant,
  waitingHostGrant,
} from '../../src-main/services/call-tokens';
import {
  createConsultationService,
  ENTRY_TOKEN_SECONDS,
  type ConsultationService,
  type StoredConsultation,
  type Validity,
} from '../../src-main/services/consultations';
import { HOST_SIGNED_PREFIX } from '../../src-shared/host-signature';
import { encryptedJsonFile } from '../../src-main/services/encrypted-file';
import { createLogger, createMemoryLogSink } from '../../src-main/services/logger';
import { LivekitServerError } from '../../src-main/services/room-admin';
import { createMemorySecretStore, type SecretStore } from '../../src-main/services/secret-store';
import { ServiceError } from '../../src-main/services/service-error';
import {
  activeServer,
  credentials,
  fakeServerSettings,
  guestPageUrl,
  jwtClaims,
  recordingRoomAdmin,
  type FakeServerSettings,
  type RecordingRoomAdmin,
} from './fixtures';

const HOUR = 60 * 60;
const label = 'Familie Özdemir – Schuldnerberatung';
const keyAccount = 'consultations-file-key';
const verifier = new TokenVerifier(credentials.apiKey, credentials.apiSecret);
/** Local time, so "today" means the same day wherever the test runs. */
const local = (hour: number, minute = 0, second = 0, day = 15) =>
  new Date(2030, 0, day, hour, minute, second).getTime();
const seconds = (ms: number) => Math.floor(ms / 1000);
const unknownId = 'AbCdEfGhIjKlMnOpQr_-09';

let dir: string;
let filePath: string;
let secrets: SecretStore;
let settings: FakeServerSettings;
let roomAdmin: RecordingRoomAdmin;
let logLines: string[];
let clock: number;
let service: ConsultationService;

/** The service's clock and the system clock (which signs tokens) move together. */
function setNow(ms: number) {
  clock = ms;
  vi.setSystemTime(ms);
}

function makeService(): ConsultationService {
  const sink = createMemoryLogSink();
  logLines = sink.lines;
  settings = fakeServerSettings();
  roomAdmin = recordingRoomAdmin();
  return createConsultationService({
    settings,
    file: encryptedJsonFile<StoredConsultation[]>(filePath, secrets, keyAccount),
    roomAdmin: roomAdmin.factory,
    logger: createLogger(sink),
    now: () => clock,
  });
}

function create(inviteCount = 2, validity: Validity = 'today') {
  return service.create({ label, inviteCount, validity });
}

/** A P-256 public key as a knock carries it. */
const guestKey = (fill = 7) =>
  Buffer.from([4, ...new Array<number>(64).fill(fill)]).toString('base64url');

/** The waiting-room identity of invite `n` (the sender of its knock). */
function inviteOf(consultation: ConsultationView, n = 0): string {
  const link = consultation.invites[n]?.webUrl ?? '';
  const token = new URLSearchParams(new URL(link).hash.slice(1)).get('w') ?? '';
  return jwtClaims(token).sub;
}

function logCodes() {
  return logLines.map((line) => JSON.parse(line).code as string);
}

beforeEach(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  setNow(local(9, 30));
  dir = await mkdtemp(join(tmpdir(), 'augenhoehe-consultations-'));
  filePath = join(dir, 'consultations.enc');
  secrets = createMemorySecretStore();
  service = makeService();
});
afterEach(async () => {
  vi.useRealTimers();
  await rm(dir, { recursive: true, force: true });
});

describe('create', () => {
  it.each<[string, number, Validity, number]>([
    ['09:30, today', local(9, 30), 'today', local(0, 0, 0, 16)],
    ['00:00:01, today', local(0, 0, 1), 'today', local(0, 0, 0, 16)],
    ['22:59:59, today', local(22, 59, 59), 'today', local(0, 0, 0, 16)],
    // Never less than an hour, even late in the evening.
    ['23:00, today', local(23), 'today', local(0, 0, 0, 16)],
    ['23:30, today', local(23, 30), 'today', local(23, 30) + HOUR * 1000],
    ['23:59:59, today', local(23, 59, 59), 'today', local(23, 59, 59) + HOUR * 1000],
    ['09:30, 7 days', local(9, 30), '7-days', local(9, 30) + 7 * 24 * HOUR * 1000],
    ['23:30, 7 days', local(23, 30), '7-days', local(23, 30) + 7 * 24 * HOUR * 1000],
  ])('at %s the invites end at the expected time', async (_when, now, validity, end) => {
    setNow(now);
    const consultation = await create(1, validity);
    expect(consultation.expiresAt).toBe(seconds(end));
    expect(consultation.invites[0]?.expiresAt).toBe(seconds(end));
    // The waiting room stays open, empty, until exactly then.
    expect(roomAdmin.calls).toStrictEqual([
      {
        op: 'createRoom',
        roomName: consultation.waitingRoom,
        emptyTimeout: seconds(end) - seconds(now),
        serverUrl: activeServer.serverUrl,
        credentials,
      },
    ]);
  });

  it('makes random 22-character room names and 256-bit keys, and no call room yet', async () => {
    const consultation = await create();
    for (const name of [consultation.id, consultation.callRoom, consultation.waitingRoom])
      expect(name).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(new Set([consultation.id, consultation.callRoom, consultation.waitingRoom]).size).toBe(
      3,
    );
    expect(isRoomKey(consultation.callKey)).toBe(true);
    expect(isRoomKey(consultation.waitingKey)).toBe(true);
    expect(consultation.callKey).not.toBe(consultation.waitingKey);
    expect(roomAdmin.calls.map((call) => call.roomName)).toStrictEqual([consultation.waitingRoom]);
  });

  it.each([[1], [3], [12]])(
    'makes %i invites, each with its own waiting-room token in both link forms',
    async (count) => {
      const consultation = await create(count);
      expect(consultation.invites).toHaveLength(count);
      const tokens = new Set<string>();
      const identities = new Set<string>();
      for (const invite of consultation.invites) {
        expect(invite.webUrl.startsWith(`${guestPageUrl}#`)).toBe(true);
        expect(invite.appUrl.startsWith(`${APP_LINK_PREFIX}#`)).toBe(true);
        const web = parseInviteUrl(invite.webUrl, seconds(clock));
        const app = parseInviteUrl(invite.appUrl, seconds(clock));
        if (!web.ok || !app.ok) throw new Error('an invite link does not parse');
        // Both forms carry the same invitation.
        expect(app.invite).toStrictEqual(web.invite);
        expect(web.invite).toStrictEqual({
          serverUrl: activeServer.serverUrl,
          waitingToken: expect.any(String),
          waitingKey: consultation.waitingKey,
          hostPublicKey: consultation.hostPublicKey,
          expiresAt: consultation.expiresAt,
        });
        expect(invite.expiresAt).toBe(consultation.expiresAt);
        const claims = await verifier.verify(web.invite.waitingToken);
        expect(claims.video).toStrictEqual(waitingGuestGrant(consultation.waitingRoom));
        tokens.add(web.invite.waitingToken);
        identities.add(claims.sub ?? '');
      }
      expect(tokens.size).toBe(count);
      expect(identities.size).toBe(count);
    },
  );

  it('links stop working when the invite ends', async () => {
    const consultation = await create(1, 'today');
    const link = consultation.invites[0]?.webUrl ?? '';
    expect(parseInviteUrl(link, consultation.expiresAt - 1).ok).toBe(true);
    expect(parseInviteUrl(link, consultation.expiresAt)).toStrictEqual({
      ok: false,
      problem: 'link-expired',
    });
  });

  it('keeps the label only on this machine, encrypted at rest', async () => {
    const consultation = await create(3);
    expect((await service.list())[0]?.label).toBe(label);

    const onDisk = await readFile(filePath);
    for (const part of [label, 'Özdemir', 'Familie', 'Schuldner', consultation.waitingKey])
      expect(onDisk.includes(part), part).toBe(false);

    const tokens = consultation.invites.map(
      (invite) => new URLSearchParams(new URL(invite.webUrl).hash.slice(1)).get('w') ?? '',
    );
    const sent = [
      consultation.callRoom,
      consultation.waitingRoom,
      ...consultation.invites.flatMap((invite) => [
        invite.webUrl,
        decodeURIComponent(invite.webUrl),
        invite.appUrl,
        decodeURIComponent(invite.appUrl),
      ]),
      ...tokens.map((token) => JSON.stringify(jwtClaims(token))),
      JSON.stringify(roomAdmin.calls),
      ...logLines,
    ];
    for (const text of sent) {
      expect(text).not.toContain('Özdemir');
      expect(text).not.toContain('Familie');
      expect(text).not.toContain('Schuldner');
    }
  });

  it('stores nothing when the server cannot open the waiting room', async () => {
    roomAdmin.onCall = async () => {
      throw new LivekitServerError('server-unreachable');
    };
    await expect(create()).rejects.toBeInstanceOf(LivekitServerError);
    roomAdmin.onCall = async () => {};
    expect(await service.list()).toStrictEqual([]);
  });

  it('stores nothing and asks no server without usable settings', async () => {
    settings.activeFailure = new ServiceError('no-credentials');
    await expect(create()).rejects.toMatchObject({ code: 'no-credentials' });
    expect(roomAdmin.calls).toStrictEqual([]);
    settings.activeFailure = null;
    expect(await service.list()).toStrictEqual([]);
  });
});

describe('list', () => {
  it('shows live consultations newest first, and survives a restart', async () => {
    const first = await create(1, '7-days');
    setNow(clock + 60_000);
    const second = await create(1, '7-days');
    expect((await service.list()).map((c) => c.id)).toStrictEqual([second.id, first.id]);
    // A new service over the same file and key store (the app restarted).
    const restarted = makeService();
    expect((await restarted.list()).map((c) => c.id)).toStrictEqual([second.id, first.id]);
  });

  it('drops expired consultations, from the list and from the disk', async () => {
    const file = encryptedJsonFile<StoredConsultation[]>(filePath, secrets, keyAccount);
    service = createConsultationService({
      settings,
      file,
      roomAdmin: roomAdmin.factory,
      logger: createLogger(() => {}),
      now: () => clock,
    });
    const today = await create(1, 'today');
    const week = await create(1, '7-days');
    setNow(today.expiresAt * 1000 - 1000);
    expect((await service.list()).map((c) => c.id).sort()).toStrictEqual(
      [today.id, week.id].sort(),
    );
    setNow(today.expiresAt * 1000);
    expect((await service.list()).map((c) => c.id)).toStrictEqual([week.id]);
    expect((await file.read([])).map((c) => c.id)).toStrictEqual([week.id]);
  });

  it('starts empty, and logs it, when the file cannot be decrypted', async () => {
    await create();
    await writeFile(filePath, Buffer.from('AUGENHOEHE-ENC-1 damaged beyond repair, really'));
    expect(await service.list()).toStrictEqual([]);
    expect(logCodes()).toContain('consultations.unreadable');
    // And a new consultation can be made again.
    const fresh = await create();
    expect((await service.list()).map((c) => c.id)).toStrictEqual([fresh.id]);
  });
});

describe('at the same time', () => {
  it('ten consultations created at once are all kept', async () => {
    // The server answers in a shuffled order, so the writes would interleave without a queue.
    roomAdmin.onCall = () => new Promise((done) => setTimeout(done, Math.random() * 20));
    const created = await Promise.all(Array.from({ length: 10 }, () => create(1)));
    const listed = await service.list();
    expect(listed.map((c) => c.id).sort()).toStrictEqual(created.map((c) => c.id).sort());
    // And after a restart, from the file itself.
    expect((await makeService().list()).map((c) => c.id).sort()).toStrictEqual(
      created.map((c) => c.id).sort(),
    );
  });

  it('creating and removing at once keeps exactly the ones not removed', async () => {
    const kept = await Promise.all([create(1), create(1), create(1)]);
    const [gone, ...rest] = kept;
    const [fresh] = await Promise.all([create(1), service.remove(gone?.id ?? '')]);
    expect((await service.list()).map((c) => c.id).sort()).toStrictEqual(
      [...rest, fresh].map((c) => c?.id).sort(),
    );
  });
});

describe('when the disk or the keychain refuses', () => {
  /** The real encrypted file, but its writes fail the way a full or read-only disk fails. */
  function serviceOnRefusingDisk(code: string) {
    const real = encryptedJsonFile<StoredConsultation[]>(filePath, secrets, keyAccount);
    let refuse = false;
    const file = {
      read: real.read,
      write: async (value: StoredConsultation[]) => {
        if (refuse) throw Object.assign(new Error(`${code}: refused`), { code });
        await real.write(value);
      },
    };
    const refusing = createConsultationService({
      settings,
      file,
      roomAdmin: roomAdmin.factory,
      logger: createLogger(() => {}),
      now: () => clock,
    });
    return { service: refusing, refuseWrites: () => (refuse = true) };
  }

  it.each(['ENOSPC', 'EROFS', 'EACCES', 'EDQUOT'])(
    '%s: create answers disk-full, keeps the list as it was and closes the new room',
    async (code) => {
      const disk = serviceOnRefusingDisk(code);
      const first = await disk.service.create({ label, inviteCount: 1, validity: 'today' });
      const before = await readFile(filePath);
      disk.refuseWrites();
      roomAdmin.calls.length = 0;
      await expect(
        disk.service.create({ label, inviteCount: 1, validity: 'today' }),
      ).rejects.toStrictEqual(new ServiceError('disk-full'));
      expect(await readFile(filePath)).toStrictEqual(before);
      expect((await disk.service.list()).map((c) => c.id)).toStrictEqual([first.id]);
      const [opened, closed] = roomAdmin.calls;
      expect(opened?.op).toBe('createRoom');
      expect(closed).toMatchObject({ op: 'deleteRoom', roomName: opened?.roomName });
      // Removing needs a write too: it says so and keeps the consultation.
      await expect(disk.service.remove(first.id)).rejects.toStrictEqual(
        new ServiceError('disk-full'),
      );
      expect((await disk.service.list()).map((c) => c.id)).toStrictEqual([first.id]);
    },
  );

  it('a locked keychain answers keychain-unavailable and never writes over the file', async () => {
    const first = await create(1);
    const before = await readFile(filePath);
    const locked: SecretStore = {
      ...secrets,
      get: async () => {
        throw new Error('locked');
      },
    };
    const lockedService = createConsultationService({
      settings,
      file: encryptedJsonFile<StoredConsultation[]>(filePath, locked, keyAccount),
      roomAdmin: roomAdmin.factory,
      logger: createLogger(() => {}),
      now: () => clock,
    });
    await expect(lockedService.list()).rejects.toStrictEqual(
      new ServiceError('keychain-unavailable'),
    );
    await expect(
      lockedService.create({ label, inviteCount: 1, validity: 'today' }),
    ).rejects.toStrictEqual(new ServiceError('keychain-unavailable'));
    expect(await readFile(filePath)).toStrictEqual(before);
    // Unlocked again, everything is still there.
    expect((await service.list()).map((c) => c.id)).toStrictEqual([first.id]);
  });
});

describe('remove', () => {
  it('forgets the consultation and closes both rooms', async () => {
    const consultation = await create();
    const other = await create();
    roomAdmin.calls.length = 0;
    expect(await service.remove(consultation.id)).toBe(true);
    expect(roomAdmin.calls.map(({ op, roomName }) => [op, roomName])).toStrictEqual([
      ['deleteRoom', consultation.callRoom],
      ['deleteRoom', consultation.waitingRoom],
    ]);
    expect((await service.list()).map((c) => c.id)).toStrictEqual([other.id]);
    await expect(
      service.admit(consultation.id, inviteOf(consultation), guestKey()),
    ).rejects.toMatchObject({ code: 'not-found' });
    expect(await service.remove(consultation.id)).toBe(false);
  });

  it.each<[string, (s: FakeServerSettings, a: RecordingRoomAdmin) => void]>([
    [
      'the server is unreachable',
      (_s, admin) => {
        admin.onCall = async () => {
          throw new LivekitServerError('server-unreachable');
        };
      },
    ],
    [
      'the server refuses',
      (_s, admin) => {
        admin.onCall = async () => {
          throw new LivekitServerError('server-rejected');
        };
      },
    ],
    [
      'no secret is stored any more',
      (s) => {
        s.activeFailure = new ServiceError('no-credentials');
      },
    ],
  ])('still forgets the consultation when %s', async (_when, breakIt) => {
    const consultation = await create();
    breakIt(settings, roomAdmin);
    expect(await service.remove(consultation.id)).toBe(true);
    expect(await service.list()).toStrictEqual([]);
    expect(logCodes()).toContain('consultation.rooms_not_closed');
  });

  it('answers false for an unknown id and touches no room', async () => {
    await create();
    roomAdmin.calls.length = 0;
    expect(await service.remove(unknownId)).toBe(false);
    expect(roomAdmin.calls).toStrictEqual([]);
    expect(await service.list()).toHaveLength(1);
  });
});

describe('hostTickets', () => {
  it('opens the call room and gives the host a call token and a visible, mediafree waiting-room token', async () => {
    const consultation = await create(2, '7-days');
    roomAdmin.calls.length = 0;
    setNow(clock + HOUR * 1000);
    const tickets = await service.hostTickets(consultation.id);

    expect(
      roomAdmin.calls.map(({ op, roomName, emptyTimeout }) => [op, roomName, emptyTimeout]),
    ).toStrictEqual([
      ['createRoom', consultation.callRoom, 10 * 60],
      ['createRoom', consultation.waitingRoom, consultation.expiresAt - seconds(clock)],
    ]);

    const call = await verifier.verify(tickets.call.token);
    expect(call.video).toStrictEqual(participantGrant(consultation.callRoom));
    expect(call.video).toMatchObject({
      canPublish: true,
      canSubscribe: true,
      canPublishData: true,
    });

    const waiting = await verifier.verify(tickets.waiting.token);
    expect(waiting.video).toStrictEqual(waitingHostGrant(consultation.waitingRoom));
    expect(waiting.video).toMatchObject({
      canPublish: false,
      canPublishData: true,
      hidden: false,
    });

    for (const grant of [tickets.call, tickets.waiting]) {
      expect(grant.serverUrl).toBe(activeServer.serverUrl);
      // Enough to connect; the server renews the token of whoever is connected.
      expect(grant.expiresAt).toBe(seconds(clock) + ENTRY_TOKEN_SECONDS);
    }
    expect(call.sub).not.toBe(waiting.sub);
    // A fresh call: the first key, nobody let in, nobody sent out.
    expect(tickets.state).toStrictEqual({
      key: consultation.callKey,
      keyIndex: 0,
      admitted: [],
      sentBack: [],
      revoked: [],
    });
  });
});

describe('admit', () => {
  it('gives each admitted guest a call token for a fresh random identity', async () => {
    const consultation = await create(3);
    const host = await service.hostTickets(consultation.id);
    const identities = new Set([jwtClaims(host.call.token).sub]);
    roomAdmin.calls.length = 0;
    for (let i = 0; i < 3; i += 1) {
      const { call, identity } = await service.admit(
        consultation.id,
        inviteOf(consultation, i),
        guestKey(i),
      );
      const claims = await verifier.verify(call.token);
      expect(claims.video).toStrictEqual(participantGrant(consultation.callRoom));
      expect(call.expiresAt).toBe(seconds(clock) + ENTRY_TOKEN_SECONDS);
      expect(claims.sub).toBe(identity);
      identities.add(identity);
    }
    expect(identities.size).toBe(4);
    for (const identity of identities) expect(identity).toMatch(/^[A-Za-z0-9_-]{22}$/);
    // A first admission signs a token; it neither opens nor touches a room.
    expect(roomAdmin.calls).toStrictEqual([]);
    // The host's app, reloaded, knows whom it let in and their keys.
    const reloaded = await service.hostTickets(consultation.id);
    expect(reloaded.state.admitted.map((a) => a.guestKey)).toStrictEqual([0, 1, 2].map(guestKey));
  });

  it('lets one person in per invite: a second knock while the first is in the call is refused', async () => {
    const consultation = await create(2);
    const invite = inviteOf(consultation);
    const first = await service.admit(consultation.id, invite, guestKey(1));
    roomAdmin.inRoom = () => [first.identity];
    await expect(service.admit(consultation.id, invite, guestKey(2))).rejects.toMatchObject({
      code: 'invite-used',
    });
    // The other invite still works.
    await expect(
      service.admit(consultation.id, inviteOf(consultation, 1), guestKey(3)),
    ).resolves.toMatchObject({ identity: expect.any(String) });
    // Once the first has left (a reload, a lost line), the same link lets them back in.
    roomAdmin.inRoom = () => [];
    await expect(service.admit(consultation.id, invite, guestKey(4))).resolves.toBeDefined();
  });

  it('refuses an identity that is no invite of this consultation', async () => {
    const consultation = await create(1);
    await expect(service.admit(consultation.id, unknownId, guestKey())).rejects.toMatchObject({
      code: 'not-found',
    });
  });
});

describe('openDoor', () => {
  it('gives a knocking guest a token into the call room that is hidden and may do nothing', async () => {
    const consultation = await create(2);
    roomAdmin.calls.length = 0;
    const door = await service.openDoor(consultation.id, inviteOf(consultation), guestKey(1));
    const claims = await verifier.verify(door.call.token);
    expect(claims.video).toStrictEqual(doorGrant(consultation.callRoom));
    expect(claims.video).toMatchObject({
      hidden: true,
      canPublish: false,
      canSubscribe: false,
      canPublishData: false,
    });
    expect(claims.sub).toBe(door.identity);
    expect(door.call.expiresAt).toBe(seconds(clock) + ENTRY_TOKEN_SECONDS);
    // Opening a door asks nothing of the server.
    expect(roomAdmin.calls).toStrictEqual([]);
  });

  it('opens the same door for the same knock again, and a new one for a new key', async () => {
    const consultation = await create(1);
    const invite = inviteOf(consultation);
    const first = await service.openDoor(consultation.id, invite, guestKey(1));
    const again = await service.openDoor(consultation.id, invite, guestKey(1));
    expect(again.identity).toBe(first.identity);
    const reloaded = await service.openDoor(consultation.id, invite, guestKey(2));
    expect(reloaded.identity).not.toBe(first.identity);
  });

  it('opens none for an identity that is no invite, or for a withdrawn link', async () => {
    const consultation = await create(2);
    await expect(service.openDoor(consultation.id, unknownId, guestKey())).rejects.toMatchObject({
      code: 'not-found',
    });
    await service.revokeInvite(consultation.id, 1);
    await expect(
      service.openDoor(consultation.id, inviteOf(consultation, 1), guestKey()),
    ).rejects.toMatchObject({ code: 'invite-revoked' });
  });

  it('admit lets her in where the door put her: the same identity, given the call’s powers', async () => {
    const consultation = await create(2);
    const invite = inviteOf(consultation);
    const door = await service.openDoor(consultation.id, invite, guestKey(1));
    roomAdmin.calls.length = 0;
    const admitted = await service.admit(consultation.id, invite, guestKey(1));
    expect(admitted.identity).toBe(door.identity);
    const claims = await verifier.verify(admitted.call.token);
    expect(claims.sub).toBe(door.identity);
    expect(claims.video).toStrictEqual(participantGrant(consultation.callRoom));
    expect(roomAdmin.calls).toMatchObject([
      { op: 'letIn', roomName: consultation.callRoom, identity: door.identity },
    ]);
    // Sending her back locks out that identity, as for any admission.
    await service.sendBack(consultation.id, door.identity);
    const reloaded = await service.hostTickets(consultation.id);
    expect(reloaded.state.sentBack).toStrictEqual([door.identity]);
  });

  it('admit makes a new identity when the door is not hers or she is not behind it', async () => {
    const consultation = await create(2);
    const invite = inviteOf(consultation);
    // A door opened for another knock (another key: a reload of her page, say).
    const old = await service.openDoor(consultation.id, invite, guestKey(1));
    roomAdmin.calls.length = 0;
    const other = await service.admit(consultation.id, invite, guestKey(2));
    expect(other.identity).not.toBe(old.identity);
    expect(roomAdmin.calls.map((c) => c.op)).not.toContain('letIn');
    // Her door, but she never connected through it: the server does not know her there.
    const unused = await service.openDoor(consultation.id, inviteOf(consultation, 1), guestKey(3));
    roomAdmin.present = () => false;
    const fresh = await service.admit(consultation.id, inviteOf(consultation, 1), guestKey(3));
    expect(fresh.identity).not.toBe(unused.identity);
    expect((await verifier.verify(fresh.call.token)).sub).toBe(fresh.identity);
  });

  it('withdrawing the link removes whoever waits behind its door, too', async () => {
    const consultation = await create(2);
    const door = await service.openDoor(consultation.id, inviteOf(consultation, 1), guestKey());
    roomAdmin.calls.length = 0;
    await service.revokeInvite(consultation.id, 1);
    expect(roomAdmin.calls).toMatchObject([
      { op: 'removeParticipant', roomName: consultation.callRoom, identity: door.identity },
      {
        op: 'removeParticipant',
        roomName: consultation.waitingRoom,
        identity: inviteOf(consultation, 1),
      },
    ]);
  });
});

describe('sendBack', () => {
  it('removes them, locks them out and moves the call to a new key, across a reload', async () => {
    const consultation = await create(2);
    const anna = await service.admit(consultation.id, inviteOf(consultation, 0), guestKey(1));
    const bert = await service.admit(consultation.id, inviteOf(consultation, 1), guestKey(2));
    roomAdmin.calls.length = 0;
    const next = await service.sendBack(consultation.id, bert.identity);
    expect(roomAdmin.calls).toMatchObject([
      { op: 'removeParticipant', roomName: consultation.callRoom, identity: bert.identity },
    ]);
    expect(next.keyIndex).toBe(1);
    expect(isRoomKey(next.key)).toBe(true);
    expect(next.key).not.toBe(consultation.callKey);

    const restarted = makeService();
    const { state } = await restarted.hostTickets(consultation.id);
    expect(state).toStrictEqual({
      key: next.key,
      keyIndex: 1,
      admitted: [{ identity: anna.identity, guestKey: guestKey(1) }],
      sentBack: [bert.identity],
      revoked: [],
    });
    expect((await restarted.list())[0]?.callKey).toBe(next.key);
    // Sent back, the person may knock again with the same link and be let in again.
    roomAdmin.inRoom = () => [bert.identity];
    await expect(
      restarted.admit(consultation.id, inviteOf(consultation, 1), guestKey(5)),
    ).resolves.toBeDefined();
  });

  it('locks out someone the host never let in (a token the operator made)', async () => {
    const consultation = await create(1);
    await service.sendBack(consultation.id, unknownId);
    const { state } = await service.hostTickets(consultation.id);
    expect(state.sentBack).toStrictEqual([unknownId]);
    expect(state.keyIndex).toBe(1);
  });

  it('two at once both count: each gets its own key index', async () => {
    const consultation = await create(2);
    const [a, b] = await Promise.all([
      service.sendBack(consultation.id, 'A'.repeat(22)),
      service.sendBack(consultation.id, 'B'.repeat(22)),
    ]);
    expect([a.keyIndex, b.keyIndex].sort()).toStrictEqual([1, 2]);
    expect((await service.hostTickets(consultation.id)).state.sentBack.sort()).toStrictEqual([
      'A'.repeat(22),
      'B'.repeat(22),
    ]);
  });
});

describe('sign', () => {
  it('signs the app’s control messages with the consultation’s key, and nothing else', async () => {
    const consultation = await create(1);
    const payload = new TextEncoder().encode(`${HOST_SIGNED_PREFIX}room\nend`);
    const signature = await service.sign(
      consultation.id,
      Buffer.from(payload).toString('base64url'),
    );
    // WebCrypto, as the guests' pages verify it, with the key from the invite.
    const key = await crypto.subtle.importKey(
      'raw',
      Buffer.from(consultation.hostPublicKey, 'base64url'),
      { name: 'ECDSA', namedCurve: 'P-256' },
      false,
      ['verify'],
    );
    const valid = await crypto.subtle.verify(
      { name: 'ECDSA', hash: 'SHA-256' },
      key,
      Buffer.from(signature, 'base64url'),
      payload,
    );
    expect(valid).toBe(true);
    // A token, a file or any other text is not signed.
    for (const other of ['eyJhbGciOiJIUzI1NiJ9', 'augenhoehe-signed/v2\nend', '']) {
      await expect(
        service.sign(consultation.id, Buffer.from(other).toString('base64url')),
      ).rejects.toMatchObject({ code: 'invalid-request' });
    }
    // The private key is never in the renderer's view of the consultation.
    expect(JSON.stringify(await service.list())).not.toMatch(/signingKey|MIG/);
  });
});

describe('removeParticipant', () => {
  it.each([
    ['call', 'callRoom', true],
    ['waiting', 'waitingRoom', false],
  ] as const)(
    'takes someone out of the %s room and reports whether they were there',
    async (room, key, present) => {
      const consultation = await create();
      roomAdmin.calls.length = 0;
      roomAdmin.present = () => present;
      expect(await service.removeParticipant(consultation.id, room, unknownId)).toBe(present);
      expect(
        roomAdmin.calls.map(({ op, roomName, identity }) => [op, roomName, identity]),
      ).toStrictEqual([['removeParticipant', consultation[key], unknownId]]);
    },
  );
});

describe('unknown and expired consultations', () => {
  const actions: [string, (id: string) => Promise<unknown>][] = [
    ['hostTickets', (id) => service.hostTickets(id)],
    ['admit', (id) => service.admit(id, unknownId, guestKey())],
    ['sendBack', (id) => service.sendBack(id, unknownId)],
    ['sign', (id) => service.sign(id, Buffer.from(HOST_SIGNED_PREFIX).toString('base64url'))],
    ['removeParticipant', (id) => service.removeParticipant(id, 'call', unknownId)],
  ];

  it.each(actions)('%s of an unknown id → not-found, no server call', async (_name, act) => {
    await create();
    roomAdmin.calls.length = 0;
    const error = await act(unknownId).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({ code: 'not-found' });
    expect(roomAdmin.calls).toStrictEqual([]);
  });

  it.each(actions)('%s of an expired consultation → not-found', async (_name, act) => {
    const consultation = await create(1, 'today');
    setNow(consultation.expiresAt * 1000);
    await expect(act(consultation.id)).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('unlinkability', () => {
  it('two consultations share no room name, key, id or identity', async () => {
    const everything = async () => {
      const consultation = await create(3, '7-days');
      const host = await service.hostTickets(consultation.id);
      const admitted = await service.admit(consultation.id, inviteOf(consultation), guestKey());
      const tokens = [
        host.call.token,
        host.waiting.token,
        admitted.call.token,
        ...consultation.invites.map(
          (invite) => new URLSearchParams(new URL(invite.webUrl).hash.slice(1)).get('w') ?? '',
        ),
      ];
      return [
        consultation.id,
        consultation.callRoom,
        consultation.waitingRoom,
        consultation.callKey,
        consultation.waitingKey,
        ...tokens.map((token) => jwtClaims(token).sub),
      ];
    };
    const first = await everything();
    const second = await everything();
    expect(new Set(first).size).toBe(first.length);
    expect(first.filter((value) => second.includes(value))).toStrictEqual([]);
  });
});

describe('logging', () => {
  it('writes event codes and numbers only, never an id, room, key, link, token or label', async () => {
    const consultation = await create(2);
    const host = await service.hostTickets(consultation.id);
    await service.admit(consultation.id, inviteOf(consultation), guestKey());
    await service.removeParticipant(consultation.id, 'waiting', unknownId);
    await service.list();
    await service.remove(consultation.id);

    expect(logCodes()).toStrictEqual([
      'consultation.created',
      'consultation.host_joined',
      'consultation.guest_admitted',
      'consultation.participant_removed',
      'consultation.removed',
    ]);
    const text = logLines.join('\n');
    for (const value of [
      label,
      consultation.id,
      consultation.callRoom,
      consultation.waitingRoom,
      consultation.callKey,
      consultation.waitingKey,
      unknownId,
      host.call.token.split('.')[1] ?? '',
      ...consultation.invites.flatMap((invite) => [invite.webUrl, invite.appUrl]),
    ])
      expect(text).not.toContain(value);
    for (const line of logLines)
      for (const [key, value] of Object.entries(JSON.parse(line) as Record<string, unknown>))
        if (key !== 't' && key !== 'code') expect(typeof value).not.toBe('string');
  });
});
