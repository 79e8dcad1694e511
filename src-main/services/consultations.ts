/**
 * Consultations on the host's machine: a local label (never sent anywhere), a call room
 * and a waiting room with random names, fresh keys for each, and one invite per guest.
 */
import type { ConsultationView } from '../../src-shared/ipc-contract';
import { APP_LINK_PREFIX, formatInviteLink } from '../../src-shared/invite-link';
import {
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

export interface ConsultationService {
  create(request: {
    label: string;
    inviteCount: number;
    validity: Validity;
  }): Promise<ConsultationView>;
  list(): Promise<ConsultationView[]>;
  remove(id: string): Promise<boolean>;
  hostTickets(id: string): Promise<{ call: JoinGrant; waiting: JoinGrant }>;
  admit(id: string): Promise<{ call: JoinGrant }>;
  removeParticipant(id: string, room: 'call' | 'waiting', identity: string): Promise<boolean>;
}

export interface ConsultationDeps {
  settings: ServerSettingsService;
  file: EncryptedJsonFile<ConsultationView[]>;
  roomAdmin: (serverUrl: string, credentials: ApiCredentials) => RoomAdmin;
  logger: Logger;
  now?: () => number;
}

const HOUR = 60 * 60;
/** Tokens to enter a call only need to outlive the connection; the server refreshes them. */
const ENTRY_TOKEN_SECONDS = 10 * 60;

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

  async function load(): Promise<ConsultationView[]> {
    try {
      return await deps.file.read([]);
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

  async function store(consultations: ConsultationView[]): Promise<void> {
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

  async function find(id: string): Promise<ConsultationView> {
    const found = (await load()).find((c) => c.id === id && c.expiresAt > nowSeconds());
    if (!found) throw new ServiceError('not-found');
    return found;
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
      const invites = [];
      for (let i = 0; i < inviteCount; i += 1) {
        const minted = await mintToken(credentials, waitingGuestGrant(waitingRoom), validSeconds);
        const payload = { serverUrl: active.serverUrl, waitingToken: minted.token, waitingKey };
        invites.push({
          webUrl: formatInviteLink(active.guestPageUrl, payload),
          appUrl: formatInviteLink(APP_LINK_PREFIX, payload),
          expiresAt: minted.expiresAt,
        });
      }
      const consultation: ConsultationView = {
        id: newRandomId(),
        label,
        createdAt: nowSeconds(),
        expiresAt,
        callRoom: newRoomName(),
        waitingRoom,
        callKey: newRoomKey(),
        waitingKey,
        invites,
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
      return consultation;
    },

    list: () =>
      exclusive(async () => {
        const all = await load();
        const live = all.filter((c) => c.expiresAt > nowSeconds());
        // Tidying up can wait for a disk that takes writes again; the list is still right.
        if (live.length !== all.length) await store(live).catch(() => undefined);
        return live.sort((a, b) => b.createdAt - a.createdAt);
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
      const tickets = {
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
      };
      deps.logger.event('consultation.host_joined');
      return tickets;
    },

    async admit(id) {
      const consultation = await find(id);
      const { server: active, credentials } = await server();
      const call = await entryTicket(
        active.serverUrl,
        credentials,
        participantGrant(consultation.callRoom),
      );
      deps.logger.event('consultation.guest_admitted');
      return { call };
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
