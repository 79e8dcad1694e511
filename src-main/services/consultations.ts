/**
 * Consultations on the host's machine: a local label (never sent anywhere), a call room
 * and a waiting room with random names, fresh keys for each, and one invite per guest,
 * each with a local label of its own and the host's power to withdraw it.
 */
import type { ConsultationView, IpcResponse } from '../../src-shared/ipc-contract';
import { APP_LINK_PREFIX, formatInviteLink } from '../../src-shared/invite-link';
import {
  doorGrant,
  mintToken,
  participantGrant,
  waitingGuestGrant,
  waitingHostGrant,
  type ApiCredentials,
} from './call-tokens';
import {
  KeychainUnavailableError,
  UnreadableFileError,
  type EncryptedJsonFile,
} from './encrypted-file';
import { newHostSigningKey, signControlMessage } from './host-signing';
import type { Logger } from './logger';
import type { VideoGrant } from 'livekit-server-sdk';
import { newRandomId, newRoomKey, newRoomName } from './random-ids';
import type { RoomAdmin } from './room-admin';
import type { ActiveServer, ServerSettingsService } from './server-settings';
import { ServiceError, writeOrDiskFull } from './service-error';
import { createWriteQueue } from './write-queue';

export type Validity = 'today' | '7-days';

interface JoinGrant {
  serverUrl: string;
  token: string;
  expiresAt: number;
}

/** A token into the call's room, and the identity it is for. */
type CallEntry = { call: JoinGrant; identity: string };

/** One guest let in through one invite. */
interface Admission {
  /** The invite's waiting-room identity. */
  invite: string;
  /** The identity their call token carries. */
  identity: string;
  /** Their one-time public key from the knock: the next call key is sealed to it. */
  guestKey: string;
  /** Sent back to the waiting room: locked out of the call, the invite may be used again. */
  sentBack: boolean;
}

/**
 * What main keeps of a consultation: the view the renderer sees, plus what never leaves main
 * (the private signing key) and the call's lock-out state, kept here so that a reload of the
 * host's window goes on with the current key and still keeps out whoever was sent back.
 */
export interface StoredConsultation extends ConsultationView {
  signingKey: string;
  /** The waiting-room identity of each invite, in the order of `invites`. */
  inviteIdentities: string[];
  admissions: Admission[];
}

export type HostTickets = IpcResponse<'consultation:host-tickets'>;

export interface ConsultationService {
  create(request: {
    label: string;
    inviteCount: number;
    validity: Validity;
  }): Promise<ConsultationView>;
  list(): Promise<ConsultationView[]>;
  remove(id: string): Promise<boolean>;
  hostTickets(id: string): Promise<HostTickets>;
  /**
   * A token into the call's room for the guest knocking with this invite, with no powers
   * (`doorGrant`): she joins ahead while she waits, and `admit` then only has to let her in.
   */
  openDoor(id: string, waitingIdentity: string, guestKey: string): Promise<CallEntry>;
  /**
   * A call token for the guest knocking with this invite; `invite-used` while another is in.
   * When she has joined through the door opened for this knock, she is let in there (the
   * token is for that same identity).
   */
  admit(id: string, waitingIdentity: string, guestKey: string): Promise<CallEntry>;
  /**
   * Removes someone from the call, locks them out, and moves the call to a new key.
   * `revoke`: the invite they came with is withdrawn as well (out for good).
   */
  sendBack(
    id: string,
    identity: string,
    options?: { revoke?: boolean },
  ): Promise<{ key: string; keyIndex: number; removed: boolean; revokedInvite: string | null }>;
  /** Names one invite on this machine (encrypted at rest with the rest); '' removes the name. */
  labelInvite(id: string, invite: number, label: string): Promise<ConsultationView>;
  /**
   * Withdraws one invite: `admit` refuses it from now on, the host's waiting room is told
   * (`hostTickets().state.revoked`), and whoever waits with it now is removed.
   */
  revokeInvite(id: string, invite: number): Promise<ConsultationView>;
  /** The host's signature on a control message (see host-signing.ts). */
  sign(id: string, payloadBase64Url: string): Promise<string>;
  removeParticipant(id: string, room: 'call' | 'waiting', identity: string): Promise<boolean>;
}

export interface ConsultationDeps {
  settings: ServerSettingsService;
  file: EncryptedJsonFile<StoredConsultation[]>;
  roomAdmin: (serverUrl: string, credentials: ApiCredentials) => RoomAdmin;
  logger: Logger;
  now?: () => number;
}

const HOUR = 60 * 60;
/**
 * A token to enter a room only has to last until the connection stands: the server hands
 * every connected participant a fresh one right away and every 5 minutes (10 minutes valid),
 * and LiveKit's reconnects use that one. A token that is copied or kept is worth little.
 */
export const ENTRY_TOKEN_SECONDS = 60;

/** The renderer's view: no private key, no lock-out bookkeeping. */
function viewOf(stored: StoredConsultation): ConsultationView {
  const { signingKey, inviteIdentities, admissions, ...view } = stored;
  // Consultations saved before links had labels: no label, not withdrawn.
  const invites = view.invites.map((invite) => ({
    ...invite,
    label: invite.label ?? '',
    revoked: invite.revoked ?? false,
  }));
  return { ...view, invites };
}

function isRevoked(consultation: StoredConsultation, waitingIdentity: string): boolean {
  const index = consultation.inviteIdentities.indexOf(waitingIdentity);
  return index >= 0 && consultation.invites[index]?.revoked === true;
}

/** Made by a version without signing keys: its links cannot work any more. */
function isCurrent(stored: Partial<StoredConsultation>): stored is StoredConsultation {
  return (
    typeof stored.signingKey === 'string' &&
    typeof stored.hostPublicKey === 'string' &&
    Array.isArray(stored.inviteIdentities) &&
    Array.isArray(stored.admissions)
  );
}

/** The end of the invite, in seconds: midnight tonight (at least an hour away), or 7 days. */
export function inviteExpiry(validity: Validity, nowMs: number): number {
  const now = Math.floor(nowMs / 1000);
  if (validity === '7-days') return now + 7 * 24 * HOUR;
  const midnight = new Date(nowMs);
  midnight.setHours(24, 0, 0, 0);
  return Math.max(Math.floor(midnight.getTime() / 1000), now + HOUR);
}

export function createConsultationService(deps: ConsultationDeps): ConsultationService {
  const now = deps.now ?? Date.now;
  const nowSeconds = () => Math.floor(now() / 1000);

  // Every change reads the whole list and writes it back: one at a time, or two made at
  // once would each write a list without the other.
  const exclusive = createWriteQueue();

  /**
   * The door opened for each knock (consultation and waiting identity → the call identity
   * and the knock's key). Kept in memory only: after a restart the guest is let in with a
   * new identity, as before doors existed.
   */
  const doors = new Map<string, { identity: string; guestKey: string }>();
  const doorKey = (id: string, waitingIdentity: string) => `${id} ${waitingIdentity}`;
  /** The door opened for this invite's knock, which is then closed to any later use. */
  function takeDoor(id: string, waitingIdentity: string) {
    const door = doors.get(doorKey(id, waitingIdentity));
    doors.delete(doorKey(id, waitingIdentity));
    return door;
  }

  /** The checks every invite passes before it gets anywhere near the call. */
  function checkInvite(consultation: StoredConsultation, waitingIdentity: string): void {
    if (!consultation.inviteIdentities.includes(waitingIdentity)) {
      throw new ServiceError('not-found');
    }
    if (isRevoked(consultation, waitingIdentity)) throw new ServiceError('invite-revoked');
  }

  async function load(): Promise<StoredConsultation[]> {
    try {
      return (await deps.file.read([])).filter(isCurrent);
    } catch (error) {
      // A locked keychain is not a lost file: nothing may be written over it meanwhile.
      if (error instanceof KeychainUnavailableError) {
        throw new ServiceError('keychain-unavailable');
      }
      if (error instanceof UnreadableFileError || error instanceof SyntaxError) {
        // Consultations are short-lived; one that cannot be decrypted any more is gone.
        deps.logger.event('consultations.unreadable');
        return [];
      }
      throw error;
    }
  }

  async function store(consultations: StoredConsultation[]): Promise<void> {
    try {
      await writeOrDiskFull(() => deps.file.write(consultations));
    } catch (error) {
      if (error instanceof KeychainUnavailableError) {
        throw new ServiceError('keychain-unavailable');
      }
      if (error instanceof ServiceError) deps.logger.event('consultations.save_failed');
      throw error;
    }
  }

  async function server(): Promise<{
    server: ActiveServer;
    admin: RoomAdmin;
    credentials: ApiCredentials;
  }> {
    const active = await deps.settings.active();
    const credentials = { apiKey: active.apiKey, apiSecret: active.apiSecret };
    return { server: active, admin: deps.roomAdmin(active.serverUrl, credentials), credentials };
  }

  /** A short-lived token to enter a room now, with the server it is for. */
  async function entryTicket(
    serverUrl: string,
    credentials: ApiCredentials,
    grant: VideoGrant,
  ): Promise<JoinGrant> {
    const minted = await mintToken(credentials, grant, ENTRY_TOKEN_SECONDS);
    return { serverUrl, token: minted.token, expiresAt: minted.expiresAt };
  }

  async function find(id: string): Promise<StoredConsultation> {
    const found = (await load()).find((c) => c.id === id && c.expiresAt > nowSeconds());
    if (!found) throw new ServiceError('not-found');
    return found;
  }

  /** Reads the file, changes one live consultation and writes it back, in the queue. */
  function change<T>(id: string, edit: (c: StoredConsultation) => Promise<T> | T): Promise<T> {
    return exclusive(async () => {
      const all = await load();
      const target = all.find((c) => c.id === id && c.expiresAt > nowSeconds());
      if (!target) throw new ServiceError('not-found');
      const result = await edit(target);
      await store(all);
      return result;
    });
  }

  return {
    async create({ label, inviteCount, validity }) {
      const started = now();
      const { server: active, admin, credentials } = await server();
      const expiresAt = inviteExpiry(validity, now());
      const validSeconds = expiresAt - nowSeconds();
      const waitingRoom = newRoomName();
      // Guests may open their link before the host arrives: the waiting room stays open.
      await admin.createRoom(waitingRoom, validSeconds);
      const waitingKey = newRoomKey();
      const signing = newHostSigningKey();
      const invites = [];
      const inviteIdentities = [];
      for (let i = 0; i < inviteCount; i += 1) {
        const minted = await mintToken(credentials, waitingGuestGrant(waitingRoom), validSeconds);
        const payload = {
          serverUrl: active.serverUrl,
          waitingToken: minted.token,
          waitingKey,
          hostPublicKey: signing.publicKey,
        };
        invites.push({
          webUrl: formatInviteLink(active.guestPageUrl, payload),
          appUrl: formatInviteLink(APP_LINK_PREFIX, payload),
          expiresAt: minted.expiresAt,
          label: '',
          revoked: false,
        });
        inviteIdentities.push(minted.identity);
      }
      const consultation: StoredConsultation = {
        id: newRandomId(),
        label,
        createdAt: nowSeconds(),
        expiresAt,
        callRoom: newRoomName(),
        waitingRoom,
        callKey: newRoomKey(),
        keyIndex: 0,
        waitingKey,
        hostPublicKey: signing.publicKey,
        invites,
        signingKey: signing.privateKey,
        inviteIdentities,
        admissions: [],
      };
      try {
        await exclusive(async () => {
          const live = (await load()).filter((c) => c.expiresAt > nowSeconds());
          await store([...live, consultation]);
        });
      } catch (error) {
        // Not kept on this machine, so nobody could ever let a guest in: close the room.
        await admin.deleteRoom(waitingRoom).catch(() => undefined);
        throw error;
      }
      deps.logger.event('consultation.created', { ms: now() - started, invites: inviteCount });
      return viewOf(consultation);
    },

    list: () =>
      exclusive(async () => {
        const all = await load();
        const live = all.filter((c) => c.expiresAt > nowSeconds());
        // Tidying up can wait for a disk that takes writes again; the list is still right.
        if (live.length !== all.length) await store(live).catch(() => undefined);
        return live.sort((a, b) => b.createdAt - a.createdAt).map(viewOf);
      }),

    async remove(id) {
      const target = await exclusive(async () => {
        const all = await load();
        const found = all.find((c) => c.id === id);
        if (found) await store(all.filter((c) => c.id !== id));
        return found;
      });
      if (!target) return false;
      // Close both rooms even if one fails: an open waiting room keeps the invite links working.
      const closed = await server()
        .then(({ admin }) =>
          Promise.allSettled([
            admin.deleteRoom(target.callRoom),
            admin.deleteRoom(target.waitingRoom),
          ]),
        )
        .then((results) => results.every((result) => result.status === 'fulfilled'))
        .catch(() => false);
      if (!closed) deps.logger.event('consultation.rooms_not_closed');
      deps.logger.event('consultation.removed');
      return true;
    },

    async hostTickets(id) {
      const consultation = await find(id);
      const { server: active, admin, credentials } = await server();
      await admin.createRoom(consultation.callRoom, 10 * 60);
      await admin.createRoom(
        consultation.waitingRoom,
        Math.max(consultation.expiresAt - nowSeconds(), 60),
      );
      const tickets: HostTickets = {
        call: await entryTicket(
          active.serverUrl,
          credentials,
          participantGrant(consultation.callRoom),
        ),
        waiting: await entryTicket(
          active.serverUrl,
          credentials,
          waitingHostGrant(consultation.waitingRoom),
        ),
        state: {
          key: consultation.callKey,
          keyIndex: consultation.keyIndex,
          admitted: consultation.admissions
            .filter((a) => !a.sentBack)
            .map(({ identity, guestKey }) => ({ identity, guestKey })),
          sentBack: consultation.admissions.filter((a) => a.sentBack).map((a) => a.identity),
          revoked: consultation.inviteIdentities.filter((identity) =>
            isRevoked(consultation, identity),
          ),
        },
      };
      deps.logger.event('consultation.host_joined');
      return tickets;
    },

    async openDoor(id, waitingIdentity, guestKey) {
      const consultation = await find(id);
      checkInvite(consultation, waitingIdentity);
      const { server: active, credentials } = await server();
      // The same knock again (the host's window was reloaded, say): the same door, so that
      // a connection she already made through it is the one let in.
      const known = doors.get(doorKey(id, waitingIdentity));
      const minted = await mintToken(
        credentials,
        doorGrant(consultation.callRoom),
        ENTRY_TOKEN_SECONDS,
        known?.guestKey === guestKey ? known.identity : undefined,
      );
      doors.set(doorKey(id, waitingIdentity), { identity: minted.identity, guestKey });
      return {
        call: { serverUrl: active.serverUrl, token: minted.token, expiresAt: minted.expiresAt },
        identity: minted.identity,
      };
    },

    async admit(id, waitingIdentity, guestKey) {
      const { server: active, admin, credentials } = await server();
      const result = await change(id, async (consultation) => {
        checkInvite(consultation, waitingIdentity);
        // One invite, one person: while the one it let in is still in the call, a second
        // knock with the same link is someone else. Once they have left (or were sent
        // back), the same person may come back after a reload.
        const earlier = consultation.admissions.filter(
          (a) => a.invite === waitingIdentity && !a.sentBack,
        );
        if (earlier.length > 0) {
          const inCall = new Set(await admin.participants(consultation.callRoom));
          if (earlier.some((a) => inCall.has(a.identity))) throw new ServiceError('invite-used');
        }
        // Joined ahead through this knock's door: let in where she is. Otherwise (no door,
        // another knock's, or she is not connected yet) a new identity, as always.
        const door = takeDoor(id, waitingIdentity);
        const inside =
          door?.guestKey === guestKey && (await admin.letIn(consultation.callRoom, door.identity))
            ? door.identity
            : undefined;
        const minted = await mintToken(
          credentials,
          participantGrant(consultation.callRoom),
          ENTRY_TOKEN_SECONDS,
          inside,
        );
        consultation.admissions.push({
          invite: waitingIdentity,
          identity: minted.identity,
          guestKey,
          sentBack: false,
        });
        return {
          call: { serverUrl: active.serverUrl, token: minted.token, expiresAt: minted.expiresAt },
          identity: minted.identity,
        };
      });
      deps.logger.event('consultation.guest_admitted');
      return result;
    },

    async sendBack(id, identity, options = {}) {
      const { admin } = await server();
      const result = await change(id, async (consultation) => {
        const removed = await admin.removeParticipant(consultation.callRoom, identity);
        let revokedInvite: string | null = null;
        if (options.revoke) {
          const invite = consultation.admissions.find((a) => a.identity === identity)?.invite;
          const index = invite ? consultation.inviteIdentities.indexOf(invite) : -1;
          const entry = consultation.invites[index];
          if (invite && entry) {
            entry.revoked = true;
            revokedInvite = invite;
          }
        }
        for (const admission of consultation.admissions) {
          if (admission.identity === identity) admission.sentBack = true;
        }
        // Someone the host never let in (say, a token the operator made) is locked out too.
        if (!consultation.admissions.some((a) => a.identity === identity)) {
          consultation.admissions.push({
            invite: '',
            identity,
            guestKey: '',
            sentBack: true,
          });
        }
        consultation.callKey = newRoomKey();
        consultation.keyIndex += 1;
        return {
          key: consultation.callKey,
          keyIndex: consultation.keyIndex,
          removed,
          revokedInvite,
        };
      });
      deps.logger.event('consultation.sent_back', {
        key_index: result.keyIndex,
        revoked: result.revokedInvite !== null,
      });
      return result;
    },

    async labelInvite(id, invite, label) {
      const view = await change(id, (consultation) => {
        const entry = consultation.invites[invite];
        if (!entry) throw new ServiceError('not-found');
        entry.label = label.trim().slice(0, 60);
        return viewOf(consultation);
      });
      deps.logger.event('consultation.invite_labelled');
      return view;
    },

    async revokeInvite(id, invite) {
      const { view, waitingRoom, waitingIdentity, callRoom } = await change(id, (consultation) => {
        const entry = consultation.invites[invite];
        const identity = consultation.inviteIdentities[invite];
        if (!entry || !identity) throw new ServiceError('not-found');
        entry.revoked = true;
        return {
          view: viewOf(consultation),
          waitingRoom: consultation.waitingRoom,
          waitingIdentity: identity,
          callRoom: consultation.callRoom,
        };
      });
      // Whoever waits with it now goes, from the waiting room and from the call's door; the
      // host's app refuses its knocks from now on. A server that cannot be reached changes
      // nothing of that: the link stays withdrawn.
      const door = takeDoor(id, waitingIdentity);
      const removed = await server()
        .then(async ({ admin }) => {
          if (door) await admin.removeParticipant(callRoom, door.identity).catch(() => false);
          return admin.removeParticipant(waitingRoom, waitingIdentity);
        })
        .catch(() => false);
      deps.logger.event('consultation.invite_revoked', { removed_waiting: removed });
      return view;
    },

    async sign(id, payloadBase64Url) {
      const consultation = await find(id);
      return signControlMessage(
        consultation.signingKey,
        Buffer.from(payloadBase64Url, 'base64url'),
      );
    },

    async removeParticipant(id, room, identity) {
      const consultation = await find(id);
      const { admin } = await server();
      const removed = await admin.removeParticipant(
        room === 'call' ? consultation.callRoom : consultation.waitingRoom,
        identity,
      );
      deps.logger.event('consultation.participant_removed', { from_call: room === 'call' });
      return removed;
    },
  };
}
