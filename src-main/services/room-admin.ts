import { RoomServiceClient, TwirpError } from 'livekit-server-sdk';
import type { ApiCredentials } from './call-tokens';

export type ServerProblem = 'server-unreachable' | 'server-rejected';

/** A failure talking to the LiveKit server, reduced to what the user can act on. */
export class LivekitServerError extends Error {
  constructor(readonly problem: ServerProblem) {
    super(problem);
    this.name = 'LivekitServerError';
  }
}

export interface RoomAdmin {
  /**
   * Creates an empty room, or keeps it if it exists. With auto-create off on the server,
   * only rooms made here exist. `emptyTimeout`: seconds the room stays open with nobody in it.
   */
  createRoom(roomName: string, emptyTimeout?: number): Promise<void>;
  /** Closes a room and disconnects everyone in it; a room that is gone already is fine. */
  deleteRoom(roomName: string): Promise<void>;
  /**
   * Gives someone in the room (joined with a `doorGrant`) the call's powers: visible, media
   * and data. Returns false when they are not there (not connected yet, or gone).
   */
  letIn(roomName: string, identity: string): Promise<boolean>;
  /** Returns false when the participant was not there. */
  removeParticipant(roomName: string, identity: string): Promise<boolean>;
  /** Who is in the room now (identities); empty when the room is gone. */
  participants(roomName: string): Promise<string[]>;
  /** Proves the address, key and secret work (lists rooms, which needs a valid token). */
  check(): Promise<void>;
}

/** The HTTP address of the server API for a `ws://` or `wss://` signalling URL. */
export function serverApiUrl(serverUrl: string): string {
  const url = new URL(serverUrl);
  url.protocol = url.protocol === 'wss:' || url.protocol === 'https:' ? 'https:' : 'http:';
  return url.origin;
}

export function classifyServerFailure(error: unknown): ServerProblem {
  if (error instanceof TwirpError && (error.status === 401 || error.status === 403)) {
    return 'server-rejected';
  }
  return 'server-unreachable';
}

const isNotFound = (error: unknown) => error instanceof TwirpError && error.status === 404;

export function createRoomAdmin(serverUrl: string, credentials: ApiCredentials): RoomAdmin {
  const client = new RoomServiceClient(
    serverApiUrl(serverUrl),
    credentials.apiKey,
    credentials.apiSecret,
  );
  const call = async <T>(work: () => Promise<T>): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      throw new LivekitServerError(classifyServerFailure(error));
    }
  };
  return {
    async createRoom(roomName, emptyTimeout = 10 * 60) {
      await call(() => client.createRoom({ name: roomName, emptyTimeout, departureTimeout: 20 }));
    },
    async deleteRoom(roomName) {
      try {
        await client.deleteRoom(roomName);
      } catch (error) {
        if (!isNotFound(error)) throw new LivekitServerError(classifyServerFailure(error));
      }
    },
    async letIn(roomName, identity) {
      try {
        // Permissions are replaced as a whole: what participantGrant gives, nothing more.
        await client.updateParticipant(roomName, identity, {
          permission: {
            canPublish: true,
            canSubscribe: true,
            canPublishData: true,
            canUpdateMetadata: false,
            hidden: false,
            recorder: false,
          },
        });
        return true;
      } catch (error) {
        if (isNotFound(error)) return false;
        throw new LivekitServerError(classifyServerFailure(error));
      }
    },
    async removeParticipant(roomName, identity) {
      try {
        await client.removeParticipant(roomName, identity);
        return true;
      } catch (error) {
        if (isNotFound(error)) return false;
        throw new LivekitServerError(classifyServerFailure(error));
      }
    },
    async participants(roomName) {
      try {
        return (await client.listParticipants(roomName)).map((p) => p.identity);
      } catch (error) {
        if (isNotFound(error)) return [];
        throw new LivekitServerError(classifyServerFailure(error));
      }
    },
    async check() {
      await call(() => client.listRooms(['augenhoehe-connection-check']));
    },
  };
}
